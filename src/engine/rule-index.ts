import type { AccessKind, Matcher, NativeLanguage, RuleDefinition } from '../types.js';

export interface PathEntry { rule: RuleDefinition; path: string[]; kind: AccessKind; requires?: string[] }
/** `names` are export names, or dotted paths below one (`NativeModules.UMAnalyticsModule`). */
export interface ImportEntry { rule: RuleDefinition; module: string; names?: string[][]; kind: AccessKind }
export interface CallArgEntry { rule: RuleDefinition; args: (string | number)[]; receivers?: string[] }
export interface PatternEntry { rule: RuleDefinition; patterns: string[] }
export interface SymbolEntry { rule: RuleDefinition; regex: RegExp; languages: NativeLanguage[] }
export interface NameEntry { rule: RuleDefinition; names: string[] }

/**
 * Rules compiled into lookup tables, so that one traversal of a file asks "which rules care about
 * this reference?" with a map lookup instead of trying every rule.
 */
export interface RuleIndex {
  rules: RuleDefinition[];
  byId: Map<string, RuleDefinition>;
  /** Keyed by the first segment of the global path (`navigator`, `gtag`). */
  globals: Map<string, PathEntry[]>;
  /** Keyed by the local root name (`req`, `ctx`). */
  locals: Map<string, PathEntry[]>;
  /** Exact module specifiers. */
  imports: Map<string, ImportEntry[]>;
  /** Specifiers ending in `/*`, stored without the star. */
  importPrefixes: ImportEntry[];
  headers: Map<string, RuleDefinition[]>;
  callArgs: Map<string, CallArgEntry[]>;
  urls: PatternEntry[];
  packages: Map<string, RuleDefinition[]>;
  symbols: SymbolEntry[];
  /** Native and manifest matchers, by matcher type. */
  named: Map<Exclude<Matcher['type'], 'import' | 'global' | 'local' | 'header' | 'call-arg' | 'url' | 'package' | 'symbol'>, NameEntry[]>;
  /** Literals at least one of which any file matching a JS rule must contain. */
  jsTriggers: string[];
}

export function compileRules(rules: RuleDefinition[]): RuleIndex {
  const index: RuleIndex = {
    rules,
    byId: new Map(rules.map((r) => [r.id, r])),
    globals: new Map(),
    locals: new Map(),
    imports: new Map(),
    importPrefixes: [],
    headers: new Map(),
    callArgs: new Map(),
    urls: [],
    packages: new Map(),
    symbols: [],
    named: new Map(),
    jsTriggers: [],
  };
  const triggers = new Set<string>();
  for (const rule of rules) {
    for (const m of rule.match) {
      switch (m.type) {
        case 'global':
          for (const p of m.paths) {
            const path = p.split('.');
            push(index.globals, path[0]!, { rule, path, kind: m.kind, ...(m.requires ? { requires: m.requires } : {}) });
            triggers.add(path.at(-1)!);
          }
          break;
        case 'local':
          for (const p of m.paths) {
            const [root, ...path] = p.split('.');
            push(index.locals, root!, { rule, path, kind: m.kind });
            triggers.add(path.at(-1) ?? root!);
          }
          break;
        case 'import':
          for (const module of m.modules) {
            const entry = { rule, module, ...(m.names ? { names: m.names.map((n) => n.split('.')) } : {}), kind: m.kind };
            if (module.endsWith('/*')) index.importPrefixes.push({ ...entry, module: module.slice(0, -1) });
            else push(index.imports, module, entry);
            triggers.add(module.endsWith('/*') ? module.slice(0, -2) : module);
          }
          break;
        case 'header':
          for (const name of m.names) {
            push(index.headers, name, rule);
            triggers.add(name);
          }
          break;
        case 'call-arg':
          for (const method of m.methods) push(index.callArgs, method, { rule, args: m.args, ...(m.receivers ? { receivers: m.receivers } : {}) });
          for (const arg of m.args) triggers.add(String(arg));
          break;
        case 'url':
          index.urls.push({ rule, patterns: m.patterns });
          for (const p of m.patterns) triggers.add(p);
          break;
        case 'package':
          for (const name of m.names) push(index.packages, name, rule);
          break;
        case 'symbol':
          index.symbols.push({ rule, regex: new RegExp(m.pattern, 'g'), languages: m.languages });
          break;
        case 'permission':
        case 'pod':
        case 'spm':
        case 'meta-data':
        case 'mp-private-info':
          push(index.named, m.type, { rule, names: m.names });
          break;
        case 'gradle':
          push(index.named, m.type, { rule, names: m.coordinates });
          break;
        case 'plist-key':
          push(index.named, m.type, { rule, names: m.keys });
          break;
        case 'script-src':
          push(index.named, m.type, { rule, names: m.patterns });
          // Inline loader snippets inject the same URLs from JavaScript.
          index.urls.push({ rule, patterns: m.patterns });
          for (const p of m.patterns) triggers.add(p);
          break;
      }
    }
  }
  index.jsTriggers = [...triggers].filter((t) => t.length > 0).sort();
  return index;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
