import type { RawFinding, RuleDefinition } from '../../types.js';
import type { RuleIndex } from '../rule-index.js';
import type { FileInput, FileOutput, ScanContext, Scanner } from '../scanner.js';
import { escapeRegex } from '../../escape-regex.js';
import { LineIndex } from '../text.js';
import { lintJs } from './lint-js.js';
import { parseSource } from './parse.js';
import { prefilterFor } from './prefilter.js';

export const jsScanner: Scanner = {
  scan: (input, ctx) => (needsParse(input, ctx) ? lintJsText(input, ctx) : { findings: [], warnings: [] }),
  needsWork: needsParse,
};

/**
 * Only a file the prefilter lets through is parsed; or one without a trigger literal of its own
 * that imports a project file which re-exports an SDK or API.
 */
function needsParse(input: FileInput, ctx: ScanContext): boolean {
  const facts = ctx.project.factsOf(input.absolutePath, input.text);
  return prefilterFor(ctx.index).mayMatch(input.text, facts) || ctx.project.linksToAliases(input.absolutePath, input.text);
}

/** Parses and lints JavaScript or TypeScript text; used for files and for inline `<script>` bodies. */
export function lintJsText(input: FileInput, ctx: ScanContext, lineOffset = 0, columnOffset = 0): FileOutput {
  const kept = ctx.project.takeParse(input.absolutePath, input.text);
  const parsed = kept ? { ok: true as const, ast: kept } : parseSource(input.text, input.absolutePath);
  if (!parsed.ok) {
    const line = parsed.line + lineOffset;
    return {
      findings: lexicalFallback(input, ctx.index).map((f) => shift(f, lineOffset, columnOffset)),
      warnings: [{ file: input.file, message: `could not parse (line ${line}, column ${parsed.column}): ${parsed.message}; searched lexically instead` }],
    };
  }
  let findings: RawFinding[];
  try {
    findings = lintJs(parsed.ast, {
      file: input.file,
      absolutePath: input.absolutePath,
      text: input.text,
      index: ctx.index,
      links: ctx.project,
      dependencies: ctx.dependencies,
    });
  } catch (error) {
    // Pathologically deep code (generated expressions nested thousands deep) can exhaust the stack
    // in the recursive analysers; the file is still searched, lexically.
    if (!(error instanceof RangeError)) throw error;
    return {
      findings: lexicalFallback(input, ctx.index).map((f) => shift(f, lineOffset, columnOffset)),
      warnings: [{ file: input.file, message: `too deeply nested to analyse (${error.message}); searched lexically instead` }],
    };
  }
  return { findings: findings.map((f) => shift(f, lineOffset, columnOffset)), warnings: [] };
}

function shift(f: RawFinding, lines: number, columns: number): RawFinding {
  if (lines === 0 && columns === 0) return f;
  return {
    ...f,
    line: f.line + lines,
    endLine: f.endLine + lines,
    column: f.line === 1 ? f.column + columns : f.column,
    endColumn: f.endLine === 1 ? f.endColumn + columns : f.endColumn,
  };
}

/** A literal shape to search for in a file that does not parse; `module` must appear in the file first. */
interface FallbackPattern {
  rule: RuleDefinition;
  regex: RegExp;
  module?: string;
}

const fallbackPatterns = new WeakMap<RuleIndex, FallbackPattern[]>();

/** The lexical shapes of every JS matcher, compiled once per rule index. */
function patternsFor(index: RuleIndex): FallbackPattern[] {
  let patterns = fallbackPatterns.get(index);
  if (patterns) return patterns;
  patterns = [];
  const dotted = (segments: string[]) => new RegExp(`\\b${segments.map(escapeRegex).join('\\s*\\??\\.\\s*')}\\b`, 'g');
  for (const entries of index.globals.values()) for (const e of entries) patterns.push({ rule: e.rule, regex: dotted(e.path) });
  for (const [root, entries] of index.locals) for (const e of entries) patterns.push({ rule: e.rule, regex: dotted([root, ...e.path]) });
  for (const [module, entries] of index.imports) {
    for (const e of entries) {
      if (e.names) for (const name of e.names) patterns.push({ rule: e.rule, module, regex: new RegExp(`\\b${escapeRegex(name.at(-1)!)}\\b`, 'g') });
      else patterns.push({ rule: e.rule, regex: new RegExp(`['"]${escapeRegex(module)}['"]`, 'g') });
    }
  }
  for (const [header, rules] of index.headers) for (const rule of rules) patterns.push({ rule, regex: new RegExp(`['"]${escapeRegex(header)}['"]`, 'gi') });
  for (const entry of index.urls) for (const p of entry.patterns) patterns.push({ rule: entry.rule, regex: new RegExp(escapeRegex(p), 'g') });
  fallbackPatterns.set(index, patterns);
  return patterns;
}

/**
 * For a file that does not parse: search the text for the literal shapes the rules describe, so a
 * syntax error never hides collection. Precision is lower than the AST path, which the warning says.
 * The prefilter gates it as it gates parsing: every shape needs the literals the prefilter looks for.
 */
export function lexicalFallback(input: FileInput, index: RuleIndex): RawFinding[] {
  if (!prefilterFor(index).mayMatch(input.text)) return [];
  const lines = new LineIndex(input.text);
  const out: RawFinding[] = [];
  for (const { rule, regex, module } of patternsFor(index)) {
    if (module !== undefined && !input.text.includes(module)) continue;
    for (const m of input.text.matchAll(regex)) out.push(lines.finding(rule, input.file, m.index, m.index + m[0].length));
  }
  return out;
}
