import type { AccessKind, Matcher, MatchConditions, NativeLanguage, RuleDefinition } from '../types.js';
import { pushTo } from '../map-of-lists.js';

/**
 * A matcher's conditions, compiled. `with` and `without` are stand-in rules: their matches are
 * recorded, never reported, and decide whether the matcher's own matches count.
 */
export interface CompiledConditions {
  argPattern?: RegExp;
  with?: RuleDefinition;
  without?: RuleDefinition;
}

export interface PathEntry { rule: RuleDefinition; path: string[]; kind: AccessKind; requires?: string[]; when?: CompiledConditions }
/** `names` are export names, or dotted paths below one (`NativeModules.UMAnalyticsModule`). */
export interface ImportEntry { rule: RuleDefinition; module: string; names?: string[][]; kind: AccessKind; when?: CompiledConditions }
export interface MemberEntry { rule: RuleDefinition; kind: AccessKind; when?: CompiledConditions }
export interface CallArgEntry { rule: RuleDefinition; args: (string | number)[]; receivers?: string[]; when?: CompiledConditions }
export interface PatternEntry { rule: RuleDefinition; patterns: string[]; when?: CompiledConditions }
export interface SymbolEntry { rule: RuleDefinition; regex: RegExp; languages: NativeLanguage[] }
export interface NameEntry { rule: RuleDefinition; names: string[] }

/** The lookup tables of the JavaScript matchers. */
export interface JsTables {
  /** Keyed by the first segment of the global path (`navigator`, `gtag`). */
  globals: Map<string, PathEntry[]>;
  /** Keyed by the local root name (`req`, `ctx`). */
  locals: Map<string, PathEntry[]>;
  /** Keyed by property name (`toDataURL`). */
  members: Map<string, MemberEntry[]>;
  /** Exact module specifiers. */
  imports: Map<string, ImportEntry[]>;
  /** Specifiers ending in `/*`, stored without the star. */
  importPrefixes: ImportEntry[];
  callArgs: Map<string, CallArgEntry[]>;
  urls: PatternEntry[];
}

/**
 * Rules compiled into lookup tables, so that one traversal of a file asks "which rules care about
 * this reference?" with a map lookup instead of trying every rule.
 */
export interface RuleIndex extends JsTables {
  rules: RuleDefinition[];
  byId: Map<string, RuleDefinition>;
  headers: Map<string, RuleDefinition[]>;
  packages: Map<string, RuleDefinition[]>;
  symbols: SymbolEntry[];
  /** Native and manifest matchers, by matcher type. */
  named: Map<Exclude<Matcher['type'], 'import' | 'global' | 'local' | 'member' | 'header' | 'call-arg' | 'url' | 'package' | 'symbol'>, NameEntry[]>;
  /**
   * Matchers with conditions, and the stand-in rules of `with`/`without`: kept apart because only
   * the syntax tree can check a condition, so text-only searches must not see them.
   */
  contextual: JsTables;
  /** The stand-in rules of `with`/`without` conditions: matched like rules, never reported. */
  conditionRules: Set<RuleDefinition>;
}

/** The last index compiled, reused while the rules are the same (see compileRules). */
let previous: { rules: RuleDefinition[]; index: RuleIndex } | undefined;

/**
 * Compiles rules into an index. Every scan() compiles its rules, and the editor plugin and the tests
 * scan many times per process, so an unchanged rule list gets the same index back, and with it
 * everything cached per index (the prefilter).
 */
export function compileRules(rules: RuleDefinition[]): RuleIndex {
  if (previous && sameRules(previous.rules, rules)) return previous.index;
  const index = compile(rules);
  previous = { rules, index };
  return index;
}

/**
 * Loaded rule files are cached, so unchanged rules are the same objects; rules without matchers
 * (the SDK-default stand-ins) are rebuilt per scan and compare by content.
 */
function sameRules(a: RuleDefinition[], b: RuleDefinition[]): boolean {
  return a.length === b.length && a.every((rule, i) => rule === b[i] || (rule.match.length === 0 && b[i]!.match.length === 0 && JSON.stringify(rule) === JSON.stringify(b[i])));
}

function compile(rules: RuleDefinition[]): RuleIndex {
  const index: RuleIndex = {
    rules,
    byId: new Map(rules.map((r) => [r.id, r])),
    ...jsTables(),
    headers: new Map(),
    packages: new Map(),
    symbols: [],
    named: new Map(),
    contextual: jsTables(),
    conditionRules: new Set(),
  };
  for (const rule of rules) rule.match.forEach((m, i) => addMatcher(index, rule, m, i));
  return index;
}

function addMatcher(index: RuleIndex, rule: RuleDefinition, m: Matcher, position: number): void {
  const when = 'when' in m && m.when ? compileConditions(index, rule, m.when, position) : undefined;
  const conditional = when ? { when } : {};
  const tables: JsTables = when || index.conditionRules.has(rule) ? index.contextual : index;
  switch (m.type) {
    case 'global':
      for (const p of m.paths) {
        const path = p.split('.');
        pushTo(tables.globals, path[0]!, { rule, path, kind: m.kind, ...(m.requires ? { requires: m.requires } : {}), ...conditional });
      }
      break;
    case 'local':
      for (const p of m.paths) {
        const [root, ...path] = p.split('.');
        pushTo(tables.locals, root!, { rule, path, kind: m.kind, ...conditional });
      }
      break;
    case 'member':
      for (const name of m.names) pushTo(tables.members, name, { rule, kind: m.kind, ...conditional });
      break;
    case 'import':
      for (const module of m.modules) {
        const entry = { rule, module, ...(m.names ? { names: m.names.map((n) => n.split('.')) } : {}), kind: m.kind, ...conditional };
        if (module.endsWith('/*')) tables.importPrefixes.push({ ...entry, module: module.slice(0, -1) });
        else pushTo(tables.imports, module, entry);
      }
      break;
    case 'header':
      for (const name of m.names) pushTo(index.headers, name, rule);
      break;
    case 'call-arg':
      for (const method of m.methods) pushTo(tables.callArgs, method, { rule, args: m.args, ...(m.receivers ? { receivers: m.receivers } : {}), ...conditional });
      break;
    case 'url':
      tables.urls.push({ rule, patterns: m.patterns, ...conditional });
      break;
    case 'package':
      for (const name of m.names) pushTo(index.packages, name, rule);
      break;
    case 'symbol':
      index.symbols.push({ rule, regex: new RegExp(m.pattern, 'g'), languages: m.languages });
      break;
    case 'permission':
    case 'pod':
    case 'spm':
    case 'meta-data':
    case 'mp-private-info':
      pushTo(index.named, m.type, { rule, names: m.names });
      break;
    case 'gradle':
      pushTo(index.named, m.type, { rule, names: m.coordinates });
      break;
    case 'plist-key':
      pushTo(index.named, m.type, { rule, names: m.keys });
      break;
    case 'script-src':
      pushTo(index.named, m.type, { rule, names: m.patterns });
      // Inline loader snippets inject the same URLs from JavaScript.
      index.urls.push({ rule, patterns: m.patterns });
      break;
  }
}

function compileConditions(index: RuleIndex, rule: RuleDefinition, when: MatchConditions, position: number): CompiledConditions {
  const out: CompiledConditions = {};
  if (when.argPattern !== undefined) out.argPattern = new RegExp(when.argPattern, 'i');
  for (const key of ['with', 'without'] as const) {
    const matchers = when[key];
    if (!matchers) continue;
    const standIn: RuleDefinition = { ...rule, id: `${rule.id}#${position}.${key}`, category: null, sdk: null, transmits: false, match: matchers };
    index.conditionRules.add(standIn);
    matchers.forEach((m, i) => addMatcher(index, standIn, m, i));
    out[key] = standIn;
  }
  return out;
}

function jsTables(): JsTables {
  return { globals: new Map(), locals: new Map(), members: new Map(), imports: new Map(), importPrefixes: [], callArgs: new Map(), urls: [] };
}
