import fs from 'node:fs';
import path from 'node:path';
import { isAlias, isMap, isScalar, type Node } from 'yaml';
import { ConfigError, UsageError, type ConfigProblem } from '../errors.js';
import type { AccessKind, Matcher, MatchConditions, NativeLanguage, RuleDefinition } from '../types.js';
import { loadCatalog } from './catalog.js';
import { hintFor } from './did-you-mean.js';
import { readCompiled } from './compiled-data.js';
import { toPosix } from '../posix-path.js';
import { BUILTIN_RULES_DIR } from './package-root.js';
import { checkRegex } from './safe-regex.js';
import { readConfigText } from './policy.js';
import { readBoolean, readList, readMap, readString, readStringList, YamlSource } from './yaml-source.js';

const FILE_KEYS = ['title', 'docs', 'sdk', 'rules'] as const;
const RULE_KEYS = ['id', 'title', 'category', 'sdk', 'message', 'why', 'docs', 'transmits', 'match'] as const;
/**
 * The closed matcher vocabulary. JavaScript matchers see resolved reference chains (imports,
 * aliases, destructuring and `window.` prefixes already followed):
 *
 * - `import: {module, names?, kind?}`: a module's exports, or with no `names` the import site itself.
 * - `global: {path, kind?, requires?}`: a dotted path from a global (`navigator.geolocation`).
 * - `local: {path, kind?}`: a dotted path from a parameter or unknown variable with that name (`req.ip`).
 * - `member: {names, kind?}`: a property by name on any receiver that is not a module import or a
 *   local literal; for APIs reached through objects the code builds itself (`canvas.toDataURL()`),
 *   so it is meant to be narrowed with the conditions below. Inside a condition any receiver counts.
 * - `header: [names]`, `call-arg: {method, arg, receiver?}`, `url: [substrings]` (or `{patterns}`).
 *
 * In `path` and `names`, `{a,b}` expands to alternatives: `{wx,uni}.getLocation`.
 *
 * Conditions, on `import`, `global`, `local`, `member`, `call-arg` and `url`:
 * - `arg-pattern: regex`: the call's first argument (a literal, a constant, or the `key` of an
 *   options object) matches, case-insensitively.
 * - `with: [matchers]`: at least one of them also matches in the same function, that is the
 *   outermost function around the match (the whole file at top level).
 * - `without: [matchers]`: none of them matches in that function.
 * Their values may be YAML aliases (`with: *generators`), so a family can share one list.
 */
const MATCHER_TYPES = [
  'import', 'global', 'local', 'member', 'header', 'call-arg', 'url', 'package', 'symbol', 'permission', 'gradle', 'pod', 'spm',
  'plist-key', 'meta-data', 'script-src', 'mp-private-info',
] as const;
/** Matchers that can stand in a `with` or `without` condition: those evaluated on JavaScript syntax. */
const CONDITION_TYPES: readonly string[] = ['import', 'global', 'local', 'member', 'call-arg', 'url'];
const CONDITION_KEYS = ['arg-pattern', 'with', 'without'] as const;
const KINDS: AccessKind[] = ['call', 'read', 'any'];
const LANGUAGES: NativeLanguage[] = ['java', 'kotlin', 'swift', 'objc'];
const RULE_NAME = /^[a-z0-9][a-z0-9._-]*$/;

export interface LoadedRules {
  rules: RuleDefinition[];
  /** Folders the rules came from, for cache keys and `privacy-lint rules`. */
  folders: string[];
}

/** The YAML files of the built-in rules: the sources of the compiled copy the build writes. */
export function builtinRuleFiles(): string[] {
  return ruleFilesIn(BUILTIN_RULES_DIR).map((relative) => path.join(BUILTIN_RULES_DIR, relative));
}

/** Built-in rules plus each user folder; every problem across all files is reported in one ConfigError. */
export function loadRules(extraFolders: string[] = []): LoadedRules {
  const folders = [BUILTIN_RULES_DIR, ...extraFolders.map((f) => path.resolve(f))];
  const problems: ConfigProblem[] = [];
  const rules: RuleDefinition[] = [];
  const seen = new Map<string, string>();
  for (const folder of folders) {
    if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new UsageError(`rule folder not found: ${folder}`);
    const compiled = folder === BUILTIN_RULES_DIR ? readCompiled<RuleDefinition[]>('rules', builtinRuleFiles()) : undefined;
    if (compiled) {
      for (const rule of compiled) seen.set(rule.id, path.join(folder, `${rule.source}.yaml`));
      rules.push(...compiled);
      continue;
    }
    for (const relative of ruleFilesIn(folder)) {
      const file = path.join(folder, relative);
      const family = relative.replace(/\.ya?ml$/, '');
      const loaded = cachedRuleFile(file, family);
      problems.push(...loaded.problems);
      for (const rule of loaded.rules) {
        const other = seen.get(rule.id);
        if (other) problems.push({ file, line: rule.line, column: 1, keyPath: 'rules', message: `duplicate rule id "${rule.id}" (also in ${other})` });
        else seen.set(rule.id, file);
        rules.push(rule);
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { rules, folders };
}

/**
 * The YAML files below a folder, `/`-separated and sorted, skipping dot-folders and dot-files.
 * A plain directory walk: scan() lists the rules on every call, and a glob engine costs more than
 * the rest of loading cached rules.
 */
function ruleFilesIn(folder: string): string[] {
  return fs
    .readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map(toPosix)
    .filter((f) => /\.ya?ml$/.test(f) && !f.split('/').some((segment) => segment.startsWith('.')))
    .sort();
}

const parsedFiles = new Map<string, { stamp: string; loaded: ReturnType<typeof parseRuleFile> }>();

/** Rule files are parsed once per content change: the ESLint plugin and tests scan many times per process. */
function cachedRuleFile(file: string, family: string): ReturnType<typeof parseRuleFile> {
  const stat = fs.statSync(file);
  const stamp = `${stat.mtimeMs}:${stat.size}:${family}`;
  const hit = parsedFiles.get(file);
  if (hit?.stamp === stamp) return hit.loaded;
  const loaded = parseRuleFile(readConfigText(file), file, family);
  parsedFiles.set(file, { stamp, loaded });
  return loaded;
}

/** Parses one rule family file. Exported for tests and for the rule docs generator. */
export function parseRuleFile(text: string, file: string, family: string): { rules: RuleDefinition[]; problems: ConfigProblem[] } {
  const src = new YamlSource(file, text);
  const catalog = loadCatalog();
  const rules: RuleDefinition[] = [];
  const top = src.problems.length === 0 ? readMap(src, src.document.contents, '', FILE_KEYS) : undefined;
  if (top) {
    const fileDocs = top.get('docs') ? readString(src, top.get('docs')!.value, 'docs') : undefined;
    const fileSdk = top.get('sdk') ? readSdk(src, top.get('sdk')!.value, 'sdk', catalog.sdks) : null;
    const list = top.get('rules');
    if (!list) src.report(src.document.contents, 'rules', 'missing key "rules"');
    (list ? (readList(src, list.value, 'rules') ?? []) : []).forEach((item, i) => {
      const rule = readRule(src, item, `rules[${i}]`, family, { docs: fileDocs, sdk: fileSdk ?? null });
      if (rule) rules.push(rule);
    });
  }
  return { rules, problems: src.problems };
}

function readSdk(src: YamlSource, node: Node | null, keyPath: string, sdks: Map<string, unknown>): string | null | undefined {
  if (isScalar(node) && node.value === null) return null;
  const sdk = readString(src, node, keyPath);
  if (sdk === undefined) return undefined;
  if (!sdks.has(sdk)) {
    src.report(node, keyPath, `unknown SDK "${sdk}"`, hintFor(sdk, sdks.keys()));
    return undefined;
  }
  return sdk;
}

function readRule(
  src: YamlSource,
  node: Node,
  keyPath: string,
  family: string,
  defaults: { docs: string | undefined; sdk: string | null },
): RuleDefinition | undefined {
  const fields = readMap(src, node, keyPath, RULE_KEYS);
  if (!fields) return undefined;
  const catalog = loadCatalog();
  const before = src.problems.length;
  const required = (key: (typeof RULE_KEYS)[number]): Node | null | undefined => {
    const entry = fields.get(key);
    if (!entry) src.report(node, `${keyPath}.${key}`, `missing key "${key}"`);
    return entry?.value;
  };

  const idNode = required('id');
  const name = idNode !== undefined ? readString(src, idNode, `${keyPath}.id`) : undefined;
  if (name !== undefined && !RULE_NAME.test(name)) src.report(idNode, `${keyPath}.id`, `rule id "${name}" must be lower-case letters, digits, dots and dashes`);

  let category: string | null = null;
  const categoryNode = required('category');
  if (categoryNode !== undefined && !(isScalar(categoryNode) && categoryNode.value === null)) {
    const id = readString(src, categoryNode, `${keyPath}.category`);
    if (id !== undefined && !catalog.categories.has(id)) {
      src.report(categoryNode, `${keyPath}.category`, `unknown category "${id}"`, hintFor(id, catalog.categories.keys()));
    } else if (id !== undefined) category = id;
  }
  const sdkEntry = fields.get('sdk');
  const sdk = sdkEntry ? readSdk(src, sdkEntry.value, `${keyPath}.sdk`, catalog.sdks) : defaults.sdk;
  if (category === null && !sdk && src.problems.length === before) {
    src.report(node, keyPath, 'a rule needs a category, an sdk, or both');
  }
  const title = fields.get('title') ? readString(src, fields.get('title')!.value, `${keyPath}.title`) : undefined;
  const messageNode = required('message');
  const message = messageNode !== undefined ? readString(src, messageNode, `${keyPath}.message`) : undefined;
  const why = fields.get('why') ? readString(src, fields.get('why')!.value, `${keyPath}.why`) : undefined;
  const docs = fields.get('docs') ? readString(src, fields.get('docs')!.value, `${keyPath}.docs`) : defaults.docs;
  if (!docs && src.problems.length === before) src.report(node, `${keyPath}.docs`, 'missing key "docs" (on the rule or the file)');
  const transmits = fields.get('transmits') ? readBoolean(src, fields.get('transmits')!.value, `${keyPath}.transmits`) : undefined;
  const matchNode = required('match');
  const match: Matcher[] = [];
  if (matchNode !== undefined) {
    (readList(src, matchNode, `${keyPath}.match`) ?? []).forEach((m, i) => {
      const matcher = readMatcher(src, m, `${keyPath}.match[${i}]`);
      if (matcher) match.push(matcher);
    });
  }
  if (src.problems.length > before || name === undefined || message === undefined) return undefined;
  return {
    id: `${family}/${name}`,
    title: title ?? message,
    category,
    sdk: sdk ?? null,
    message,
    ...(why ? { why } : {}),
    ...(transmits ? { transmits } : {}),
    match,
    docs: docs!,
    source: family,
    line: src.at(node).line,
  };
}

function readMatcher(src: YamlSource, node: Node, keyPath: string, inCondition = false): Matcher | undefined {
  if (!isMap(node) || node.items.length !== 1) {
    src.report(node, keyPath, `a matcher is a mapping with exactly one of: ${MATCHER_TYPES.join(', ')}`);
    return undefined;
  }
  const fields = readMap(src, node, keyPath, MATCHER_TYPES);
  const [type, entry] = fields ? [...fields.entries()][0] ?? [] : [];
  if (!type || !entry) return undefined;
  const at = `${keyPath}.${type}`;
  if (inCondition && !CONDITION_TYPES.includes(type)) {
    src.report(entry.key, at, `a condition matcher must be one of: ${CONDITION_TYPES.join(', ')}`);
    return undefined;
  }
  const value = entry.value;
  const list = (n: Node | null, p: string) => readStringList(src, n, p);
  const expanded = (n: Node | null, p: string) => {
    const items = list(n, p);
    return items && expandAll(src, n, p, items);
  };
  const options = (keys: readonly string[]) => readMap(src, value, at, inCondition ? keys : [...keys, ...CONDITION_KEYS]);
  const kindOf = (opts: Map<string, { value: Node | null }> | undefined): AccessKind => {
    const k = opts?.get('kind');
    if (!k) return 'any';
    const kind = readString(src, k.value, `${at}.kind`);
    if (kind && !KINDS.includes(kind as AccessKind)) src.report(k.value, `${at}.kind`, `unknown kind "${kind}"`, `expected one of: ${KINDS.join(', ')}`);
    return (kind as AccessKind) ?? 'any';
  };
  const conditions = (opts: Map<string, { value: Node | null }> | undefined) => {
    const when = opts && readConditions(src, opts, at);
    return when ? { when } : {};
  };
  switch (type) {
    case 'import': {
      const o = options(['module', 'names', 'kind']);
      const modules = o?.get('module') ? list(o.get('module')!.value, `${at}.module`) : undefined;
      if (!modules) {
        if (o) src.report(value, `${at}.module`, 'missing key "module"');
        return undefined;
      }
      const names = o?.get('names') ? expanded(o.get('names')!.value, `${at}.names`) : undefined;
      return { type, modules, ...(names ? { names } : {}), kind: kindOf(o), ...conditions(o) };
    }
    case 'global':
    case 'local': {
      const o = options(type === 'global' ? ['path', 'kind', 'requires'] : ['path', 'kind']);
      const paths = o?.get('path') ? expanded(o.get('path')!.value, `${at}.path`) : undefined;
      if (!paths) {
        if (o) src.report(value, `${at}.path`, 'missing key "path"');
        return undefined;
      }
      if (type === 'local') return { type, paths, kind: kindOf(o), ...conditions(o) };
      const requires = o?.get('requires') ? list(o.get('requires')!.value, `${at}.requires`) : undefined;
      return { type, paths, kind: kindOf(o), ...(requires ? { requires } : {}), ...conditions(o) };
    }
    case 'member': {
      const o = options(['names', 'kind']);
      const names = o?.get('names') ? expanded(o.get('names')!.value, `${at}.names`) : undefined;
      if (!names) {
        if (o) src.report(value, `${at}.names`, 'missing key "names"');
        return undefined;
      }
      return { type, names, kind: kindOf(o), ...conditions(o) };
    }
    case 'call-arg': {
      const o = options(['method', 'arg', 'receiver']);
      const methods = o?.get('method') ? list(o.get('method')!.value, `${at}.method`) : undefined;
      const argNode = o?.get('arg')?.value ?? null;
      const args = argNode ? (readList(src, argNode, `${at}.arg`) ?? []).map((a) => (isScalar(a) ? (a.value as string | number) : '')) : undefined;
      const receivers = o?.get('receiver') ? list(o.get('receiver')!.value, `${at}.receiver`) : undefined;
      if (!methods || !args) {
        if (o) src.report(value, at, 'call-arg needs "method" and "arg"');
        return undefined;
      }
      return { type, methods, args, ...(receivers ? { receivers } : {}), ...conditions(o) };
    }
    case 'symbol': {
      const o = readMap(src, value, at, ['pattern', 'languages']);
      const pattern = o?.get('pattern') ? readString(src, o.get('pattern')!.value, `${at}.pattern`) : undefined;
      const languages = (o?.get('languages') ? list(o.get('languages')!.value, `${at}.languages`) : undefined) ?? LANGUAGES;
      for (const language of languages) {
        if (!LANGUAGES.includes(language as NativeLanguage)) src.report(o?.get('languages')?.value, `${at}.languages`, `unknown language "${language}"`, hintFor(language, LANGUAGES));
      }
      if (pattern === undefined) {
        if (o) src.report(value, `${at}.pattern`, 'missing key "pattern"');
        return undefined;
      }
      const unsafe = checkRegex(pattern);
      if (unsafe) {
        src.report(o?.get('pattern')?.value, `${at}.pattern`, unsafe);
        return undefined;
      }
      return { type, pattern, languages: languages as NativeLanguage[] };
    }
    case 'url': {
      if (!isMap(value)) return withList(list(value, at), (patterns) => ({ type, patterns }));
      const o = options(['patterns']);
      const patterns = o?.get('patterns') ? list(o.get('patterns')!.value, `${at}.patterns`) : undefined;
      if (!patterns?.length) {
        if (o) src.report(value, `${at}.patterns`, 'missing key "patterns"');
        return undefined;
      }
      return { type, patterns, ...conditions(o) };
    }
    case 'header':
      return withList(list(value, at), (names) => ({ type, names: names.map((n) => n.toLowerCase()) }));
    case 'script-src':
      return withList(list(value, at), (patterns) => ({ type, patterns }));
    case 'package':
    case 'permission':
    case 'pod':
    case 'spm':
    case 'meta-data':
    case 'mp-private-info':
      return withList(list(value, at), (names) => ({ type, names }));
    case 'gradle':
      return withList(list(value, at), (coordinates) => ({ type, coordinates }));
    case 'plist-key':
      return withList(list(value, at), (keys) => ({ type, keys }));
  }
  return undefined;
}

/** `arg-pattern`, `with` and `without` of a JavaScript matcher; undefined when it has none. */
function readConditions(src: YamlSource, opts: Map<string, { value: Node | null }>, at: string): MatchConditions | undefined {
  const when: MatchConditions = {};
  const valueOf = (key: string): Node | null | undefined => {
    const value = opts.get(key)?.value;
    return isAlias(value) ? ((value.resolve(src.document) as Node | undefined) ?? null) : value;
  };
  const pattern = valueOf('arg-pattern');
  if (pattern !== undefined) {
    const regex = readString(src, pattern, `${at}.arg-pattern`);
    const unsafe = regex !== undefined ? checkRegex(regex) : undefined;
    if (unsafe) src.report(pattern, `${at}.arg-pattern`, unsafe);
    else if (regex !== undefined) when.argPattern = regex;
  }
  for (const key of ['with', 'without'] as const) {
    const value = valueOf(key);
    if (value === undefined) continue;
    const matchers = (readList(src, value, `${at}.${key}`) ?? []).flatMap((m, i) => readMatcher(src, m, `${at}.${key}[${i}]`, true) ?? []);
    if (matchers.length > 0) when[key] = matchers;
  }
  return Object.keys(when).length > 0 ? when : undefined;
}

/** Expands `{a,b}` alternatives in every item (`{wx,uni}.getLocation`); unbalanced braces are reported. */
function expandAll(src: YamlSource, node: Node | null, keyPath: string, items: string[]): string[] {
  const out: string[] = [];
  for (const item of items) {
    const expanded = expandBraces(item);
    if (expanded) out.push(...expanded);
    else src.report(node, keyPath, `unbalanced or empty braces in "${item}"`, 'write alternatives as {a,b}, without nesting');
  }
  return out;
}

function expandBraces(item: string): string[] | undefined {
  const open = item.indexOf('{');
  if (open < 0) return item.includes('}') ? undefined : [item];
  const close = item.indexOf('}', open);
  const alternatives = close < 0 ? [] : item.slice(open + 1, close).split(',');
  if (alternatives.length === 0 || alternatives.some((a) => a === '' || a.includes('{'))) return undefined;
  const rest = expandBraces(item.slice(close + 1));
  if (!rest) return undefined;
  return alternatives.flatMap((a) => rest.map((r) => `${item.slice(0, open)}${a}${r}`));
}

function withList<T>(items: string[] | undefined, build: (items: string[]) => T): T | undefined {
  return items && items.length > 0 ? build(items) : undefined;
}
