import { covers } from '../config/catalog.js';
import type { Finding, RawFinding, ScanWarning } from '../types.js';
import { LineIndex } from './text.js';

/**
 * `privacy-lint-disable-next-line <id>[, <id>...] -- <reason>` (or `-line`, for the comment's own
 * line) in any comment style: `//`, `/*`, `/**`, `#`, `<!--`. The opener must sit on the directive's
 * own line, so a comment marker at the end of one line never turns plain text below it into a directive.
 */
const DIRECTIVE = /(\/\/+|\/\*+|#+|<!--)[ \t]*privacy-lint-disable([\w-]*)([^\n]*)/g;
const FORMS = new Set(['-next-line', '-line']);

/** One parsed directive. Directives are plain data: which ones were used is computed, never stored on them. */
export interface Suppression {
  /** The line the directive applies to. */
  line: number;
  /** Line of the comment itself, for reporting. */
  commentLine: number;
  /** Rule ids, rule families, categories (a parent covers its children) or SDK ids. */
  ids: string[];
  reason: string;
  /** Why the directive cannot suppress anything, when it is malformed. */
  malformed?: string;
}

export function parseSuppressions(text: string): Suppression[] {
  if (!text.includes('privacy-lint-disable')) return [];
  const lines = new LineIndex(text);
  const out: Suppression[] = [];
  for (const match of text.matchAll(DIRECTIVE)) {
    const [, opener, form, rest] = match;
    const commentLine = lines.position(match.index).line;
    const body = rest!.replace(/\s*(\*\/|-->).*$/, '').trim();
    const separator = /(?:^|\s)--/.exec(body);
    const ids = (separator ? body.slice(0, separator.index) : body).split(/[\s,]+/).filter(Boolean);
    const reason = separator ? body.slice(separator.index + separator[0].length).trim() : '';
    const line = form === '-line' ? commentLine : nextLineAfter(text, match.index, opener!, lines);
    const malformed = !FORMS.has(form!)
      ? `unknown directive privacy-lint-disable${form}: suppressions apply to one line, as privacy-lint-disable-next-line or privacy-lint-disable-line`
      : ids.length === 0
        ? `privacy-lint-disable${form} must name what it suppresses (a rule, category or SDK id)`
        : !reason
          ? `privacy-lint-disable${form} needs a reason after " -- "`
          : undefined;
    out.push({ line, commentLine, ids, reason, ...(malformed ? { malformed } : {}) });
  }
  return out;
}

/** The line after the comment: for a block comment spread over lines, the line after it closes. */
function nextLineAfter(text: string, start: number, opener: string, lines: LineIndex): number {
  const close = opener.startsWith('/*') ? text.indexOf('*/', start) : opener === '<!--' ? text.indexOf('-->', start) : -1;
  return lines.position(close >= 0 ? close : start).line + 1;
}

function applies(s: Suppression, f: RawFinding): boolean {
  if (s.line !== f.line) return false;
  return s.ids.some((id) => id === f.rule || f.rule.startsWith(`${id}/`) || id === f.thirdParty || (f.category !== null && covers(id, f.category)));
}

/**
 * Splits a file's findings into kept and suppressed. A malformed directive (no reason, no id)
 * suppresses nothing and is reported, as is one that matches no finding on its line.
 */
export function applySuppressions(
  file: string,
  findings: RawFinding[],
  suppressions: Suppression[],
): { suppressed: Set<RawFinding>; warnings: ScanWarning[] } {
  const suppressed = new Set<RawFinding>();
  const warnings: ScanWarning[] = [];
  for (const s of suppressions) {
    if (s.malformed) {
      warnings.push({ file, message: `line ${s.commentLine}: ${s.malformed}; nothing was suppressed` });
      continue;
    }
    const matched = findings.filter((f) => applies(s, f));
    for (const f of matched) suppressed.add(f);
    if (matched.length === 0) warnings.push({ file, message: `line ${s.commentLine}: unused privacy-lint-disable directive (no finding for ${s.ids.join(', ')} on line ${s.line})` });
  }
  return { suppressed, warnings };
}

/**
 * Directives that matched a contradiction: the published policy promises the category is never
 * collected, so the finding fails regardless, and the author should know the comment did nothing.
 * `findings` are the evaluated `raw`, index for index.
 */
export function contradictionWarnings(raw: RawFinding[], findings: Finding[], suppressed: ReadonlySet<RawFinding>): ScanWarning[] {
  return raw.flatMap((f, i) =>
    suppressed.has(f) && findings[i]!.problems.includes('contradicted')
      ? [{ file: f.file, message: `line ${f.line}: privacy-lint-disable cannot suppress ${f.rule}: policy.yaml promises never to collect ${f.category} (does_not_collect)` }]
      : [],
  );
}
