import type { RawFinding, RuleDefinition } from '../../types.js';
import type { RuleIndex } from '../rule-index.js';
import type { LineIndex } from '../text.js';

/** The manifest and build-file matchers, whose values are plain names. */
export type NamedMatcher = NonNullable<Parameters<RuleIndex['named']['get']>[0]>;

/** Declarations that make a capability available to the whole app, and so to every SDK inside it. */
const CAPABILITY_MATCHERS: ReadonlySet<NamedMatcher> = new Set(['permission', 'plist-key', 'mp-private-info']);

/**
 * How a name is compared. Swift packages are named by repository (`github.com/owner/repo`, in any
 * URL form) or by product; a repository compares case-insensitively, without scheme or `.git`.
 */
const NAME_KEYS: Partial<Record<NamedMatcher, (name: string) => string>> = {
  spm: (name) => (name.includes('/') ? swiftPackageRepository(name) : name),
};

/** `github.com/owner/repo` for `https://github.com/Owner/Repo.git`, `git@github.com:owner/repo` and the like. */
export function swiftPackageRepository(url: string): string {
  return url
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/^[^@/]+@([^:/]+):/, '$1/')
    .replace(/^[^@/]+@/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/i, '')
    .toLowerCase();
}

const tables = new WeakMap<RuleIndex, Map<NamedMatcher, Map<string, RuleDefinition[]>>>();

/** Rules by exact name, for one matcher type. */
function rulesByName(index: RuleIndex, type: NamedMatcher): ReadonlyMap<string, RuleDefinition[]> {
  let perType = tables.get(index);
  if (!perType) tables.set(index, (perType = new Map()));
  let table = perType.get(type);
  if (!table) {
    table = new Map();
    const keyOf = NAME_KEYS[type] ?? ((name: string) => name);
    for (const entry of index.named.get(type) ?? []) {
      for (const name of entry.names.map(keyOf)) {
        const list = table.get(name);
        if (!list) table.set(name, [entry.rule]);
        else if (!list.includes(entry.rule)) list.push(entry.rule);
      }
    }
    perType.set(type, table);
  }
  return table;
}

/** The rules that name any of `names`, each once. */
export function lookup(index: RuleIndex, type: NamedMatcher, names: readonly string[]): RuleDefinition[] {
  const table = rulesByName(index, type);
  const keyOf = NAME_KEYS[type] ?? ((name: string) => name);
  return [...new Set(names.flatMap((n) => table.get(keyOf(n)) ?? []))];
}

/**
 * A finding for a named declaration. Permissions, purpose strings and mini-program declarations are
 * capabilities of the app (judged against `collects` or a present SDK's `receives`), unless the rule
 * is an SDK's own key, which shows that SDK is present.
 */
export function namedFinding(lines: LineIndex, rule: RuleDefinition, file: string, start: number, end: number, type: NamedMatcher): RawFinding {
  const finding = lines.finding(rule, file, start, end);
  return CAPABILITY_MATCHERS.has(type) && rule.sdk === null ? { ...finding, origin: 'capability' } : finding;
}
