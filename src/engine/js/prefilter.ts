import type { RuleDefinition } from '../../types.js';
import type { RuleIndex } from '../rule-index.js';
import { escapeRegex } from '../../escape-regex.js';
import { type Chain, GLOBAL_OBJECTS } from './references.js';
import { WordSet } from './word-set.js';
import { pushTo } from '../../map-of-lists.js';

/**
 * What a file must contain for one matcher to have any chance: identifier words (`navigator`,
 * `getUniqueId`) and string-literal contents (module specifiers, header names, URL fragments).
 * A matcher is possible only when all of its atoms are present; a file where no matcher is
 * possible is never parsed. This is the cheapest check, so it must never be wrong the other way:
 * every atom is something the AST matcher itself requires to be written literally in the file.
 */
type Atom =
  | { kind: 'word'; value: string }
  | { kind: 'string'; value: string }
  | { kind: 'string-prefix'; value: string }
  | { kind: 'string-includes'; value: string }
  /** A request header name: a lower-cased string literal, or an identifier (`req.headers.cookie`). */
  | { kind: 'header'; value: string };

/** The atoms of one matcher, and among them the module or global it starts from, if any. */
interface Requirement {
  atoms: Atom[];
  root?: Atom;
}

export interface Prefilter {
  /** One pass over a text, collecting what mayMatch and mayAlias are asked against. */
  factsOf(text: string): Facts;
  /** True when some matcher could match this text. */
  mayMatch(text: string, facts?: Facts): boolean;
  /**
   * True when the text names a module or global that some matcher starts from, in a way that can
   * lead along a matcher's path. Only then can the file's exports alias one (`export const pos =
   * navigator.geolocation.getCurrentPosition`) and hand an importer a matcher whose every literal
   * is elsewhere.
   */
  mayAlias(text: string, facts?: Facts): boolean;
  /**
   * Whether a chain a file exports can give an importer a match: an importer can extend it into a
   * matcher's path, or it holds one already, or a call whose argument a matcher reads.
   * `React.memo(…)` cannot, so a file that imports only such exports needs no parse. Chains into
   * other project files are the project index's to follow.
   */
  canAlias(chain: Pick<Chain, 'root' | 'segments'>): boolean;
}

/** What one pass over a text found. Computed once per file and shared by every question about it. */
export interface Facts {
  /** The words of the text that some requirement or root global is. */
  words: Set<string>;
  /** The module specifiers it imports, requires or re-exports from, as written. */
  modules: Set<string>;
  /** Those it imports only by name (`import { a } from`, `export { a } from`): never bound whole. */
  named: Set<string>;
  /** Where it names a global some matcher starts from, or a global object: `[name, start, end]`. */
  globals: [string, number, number][];
}

const IDENTIFIER_ONLY = /^[A-Za-z_$][\w$]*$/;
/** After a word, so that it matches a whole identifier, as a tokenizer would see it. */
const AFTER_WORD = '(?![\\w$])';
/** The end of `window.` or `globalThis?.`, before a global's name. */
const GLOBAL_OBJECT_DOT = new RegExp(`(?:${[...GLOBAL_OBJECTS].join('|')})\\??\\s*\\.$`);
/**
 * After a global, what can make an alias of it as a whole: the end of an expression that stores it
 * (`= navigator;`, `{ nav: navigator }`, `ok ? navigator : x`, `navigator as any`, a line end).
 */
const WHOLE_VALUE = '\\s*(?:[;,}?]|as\\b)|[ \\t]*(?:\\/\\/|\\r?$)';
/** Comments that start a line: where prose names `document` or `plugins`, never code. */
const LINE_COMMENTS = /^[ \t]*(?:\/\/.*|\/\*[\s\S]*?\*\/)/gm;
const QUOTE = '[\'"`]';
/**
 * What comes before a module specifier where code imports it (`from`, `import`, `import(`,
 * `require(`), magic comments included (`import(/* webpackChunkName: "x" *\/ 'x')`).
 */
const IMPORTED = '(?:\\bfrom|\\brequire\\s*\\(|\\bimport\\s*\\(?)(?:\\s|\\/\\*.*?\\*\\/|\\/\\/[^\\n]*\\n)*';
const SPECIFIER_IN_CODE = new RegExp(`${IMPORTED}${QUOTE}([^'"\`\\n]+)${QUOTE}`, 'g');

/** `import { a, b as c } from 'x'`, `export { a } from 'x'`: the module is not bound whole. */
const NAMED_IMPORT = new RegExp(`\\b(?:import|export)\\s+(?:type\\s+)?\\{[^}]*\\}\\s*from\\s*${QUOTE}([^'"\`\\n]+)${QUOTE}`, 'g');

/** The module specifiers a text imports, requires or re-exports from, as written, and those it imports only by name. */
function modulesOf(text: string): Pick<Facts, 'modules' | 'named'> {
  const sites = specifierCounts(text, SPECIFIER_IN_CODE);
  const byName = specifierCounts(text, NAMED_IMPORT);
  return { modules: new Set(sites.keys()), named: new Set([...sites].filter(([module, count]) => byName.get(module) === count).map(([module]) => module)) };
}

/** How often each specifier the regex captures occurs. */
function specifierCounts(text: string, regex: RegExp): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(regex)) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  return counts;
}

/** Lets every text through: for an index with a matcher that needs no literal, and for tests that compare with and without. */
export const PASS_ALL: Prefilter = {
  factsOf: (text) => ({ words: new Set(), ...modulesOf(text), globals: [] }),
  mayMatch: () => true,
  mayAlias: () => true,
  canAlias: () => true,
};

const cache = new WeakMap<RuleIndex, Prefilter>();

export function prefilterFor(index: RuleIndex): Prefilter {
  let prefilter = cache.get(index);
  if (!prefilter) {
    // Built on first use: a run the cache serves entirely never asks.
    let built: Prefilter | undefined;
    const get = () => (built ??= { ...buildPrefilter(requirements(index)), canAlias: aliasCheck(index) });
    prefilter = {
      factsOf: (text) => get().factsOf(text),
      mayMatch: (text, facts) => get().mayMatch(text, facts),
      mayAlias: (text, facts) => get().mayAlias(text, facts),
      canAlias: (chain) => get().canAlias(chain),
    };
    cache.set(index, prefilter);
  }
  return prefilter;
}

/** One requirement per JS matcher entry of the index. */
function requirements(index: RuleIndex): Requirement[] {
  const out: Requirement[] = [];
  const words = (segments: string[]): Atom[] => segments.filter((s) => IDENTIFIER_ONLY.test(s)).map((value) => ({ kind: 'word', value }));
  const moduleAtom = (module: string): Atom => (module.endsWith('/') ? { kind: 'string-prefix', value: module } : { kind: 'string', value: module });
  const imported = (module: string, names: string[][] | undefined) => {
    const root = moduleAtom(module);
    // Any one name path is enough, so each becomes its own requirement.
    if (!names) out.push({ atoms: [root], root });
    else for (const name of names) out.push({ atoms: [root, ...words(name)], root });
  };
  // Matchers with conditions live in `contextual`; the stand-ins of those conditions only qualify
  // other evidence, so a file needs no atom of theirs.
  const reported = (e: { rule: RuleDefinition }) => !index.conditionRules.has(e.rule);
  for (const tables of [index, index.contextual]) {
    for (const entries of tables.globals.values()) {
      for (const e of entries.filter(reported)) {
        const atoms = words(e.path);
        out.push({ atoms, ...(atoms[0]?.value === e.path[0] ? { root: atoms[0] } : {}) });
      }
    }
    for (const [root, entries] of tables.locals) for (const e of entries.filter(reported)) out.push({ atoms: words([root, ...e.path]) });
    for (const [name, entries] of tables.members) if (entries.some(reported)) out.push({ atoms: words([name]) });
    for (const [module, entries] of tables.imports) for (const e of entries.filter(reported)) imported(module, e.names);
    for (const e of tables.importPrefixes.filter(reported)) imported(e.module, e.names);
    for (const [method, entries] of tables.callArgs) {
      for (const e of entries.filter(reported)) for (const arg of e.args) out.push({ atoms: [{ kind: 'word', value: method }, argumentAtom(arg)] });
    }
    for (const e of tables.urls.filter(reported)) for (const p of e.patterns) out.push({ atoms: [{ kind: 'string-includes', value: p }] });
  }
  for (const header of index.headers.keys()) out.push({ atoms: [{ kind: 'header', value: header }] });
  return out;
}

/**
 * Prefilter.canAlias for an index: a chain can give an importer a match when an importer can
 * extend it into some matcher's path (`navigator` into `navigator.geolocation.getCurrentPosition`),
 * or it already holds one; `StyleSheet.create()` of `react-native` never becomes
 * `PermissionsAndroid.request`. Every matcher counts, conditions and their stand-ins too.
 */
function aliasCheck(index: RuleIndex): Prefilter['canAlias'] {
  const tables = [index, index.contextual];
  const methods = new Set(tables.flatMap((t) => [...t.callArgs.keys()]));
  const fits = (named: string[], path: readonly string[]) => named.every((name, i) => i >= path.length || name === path[i]);
  return ({ root, segments }) => {
    if (segments.some((s) => s.firstArg !== undefined && methods.has(s.name))) return true;
    const named = segments.map((s) => s.name).filter((name) => name !== '');
    switch (root.kind) {
      case 'module':
        return tables.some((t) =>
          [...(t.imports.get(root.module) ?? []), ...t.importPrefixes.filter((e) => root.module.startsWith(e.module))].some((e) => !e.names || e.names.some((path) => fits(named, path))),
        );
      case 'global':
        // The global object itself (`export const w = window`) can reach any global.
        return named.length === 0 || tables.some((t) => (t.globals.get(named[0]!) ?? []).some((e) => fits(named, e.path)));
      default:
        return root.kind === 'file';
    }
  };
}

/** A call argument is written either as a literal or as a member name (`ext.UNMASKED_RENDERER_WEBGL`). */
function argumentAtom(arg: string | number): Atom {
  const value = String(arg);
  return IDENTIFIER_ONLY.test(value) ? { kind: 'word', value } : { kind: 'string-includes', value };
}

/**
 * One pass over a file collects the facts every requirement is checked against: the words of any
 * requirement it holds, and the modules it imports. A requirement is then tried only when its
 * anchor (its longest word, else its module, else its longest literal) is among them, so a file
 * that holds no anchor costs that pass and nothing more.
 */
function buildPrefilter(requirements: Requirement[]): Omit<Prefilter, 'canAlias'> {
  // A matcher with no atoms could match anything, so every file must be parsed.
  if (requirements.some((r) => r.atoms.length === 0)) return PASS_ALL;
  // Requirements by their anchor: a word (found whole), an imported module, a module prefix, or a
  // literal found anywhere (a URL fragment).
  const byWord = new Map<string, Atom[][]>();
  const byModule = new Map<string, Atom[][]>();
  const byPrefix = new Map<string, Atom[][]>();
  const byLiteral = new Map<string, Atom[][]>();
  const headers: Atom[][] = [];
  const tables = { word: byWord, string: byModule, 'string-prefix': byPrefix, 'string-includes': byLiteral } as const;
  for (const { atoms } of requirements) {
    const anchor = anchorOf(atoms);
    if (!anchor || anchor.kind === 'header') headers.push(atoms);
    else pushTo(tables[anchor.kind], anchor.value, atoms);
  }
  const atoms = requirements.flatMap((r) => r.atoms);
  const roots = rootsOf(requirements);
  // Header names are also written as identifiers (`req.headers.cookie`).
  const headerWords = atoms.filter((a) => a.kind === 'header' && IDENTIFIER_ONLY.test(a.value)).map((a) => a.value);
  const words = new WordSet([...byWord.keys(), ...atoms.filter((a) => a.kind === 'word').map((a) => a.value), ...headerWords, ...roots.globals.keys()]);
  const literalAnchors = [...byLiteral.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const literalRegex = alternation(literalAnchors, (group) => group, 'g');
  // Two literals found at one place are a prefix of one another, and the regex reports only the first.
  const overlapping = new Map(literalAnchors.map((a) => [a, literalAnchors.filter((b) => b !== a && (a.startsWith(b) || b.startsWith(a)))]));
  const headerRegex = alternation(headers.flat().map((a) => a.value), (group) => group, 'i');
  const headerChecks = new Map(atoms.filter((a) => a.kind === 'header').map((a) => [a, new RegExp(`${QUOTE}${escapeRegex(a.value)}${QUOTE}`, 'i')]));

  const factsOf = (text: string): Facts => {
    const facts: Facts = { words: new Set(), ...modulesOf(text), globals: [] };
    words.some(text, (word, start, end) => {
      if (inBlob(text, start, end)) return false;
      facts.words.add(word);
      if (roots.globals.has(word)) facts.globals.push([word, start, end]);
      return false;
    });
    return facts;
  };
  const namesRoot = aliasTest(roots);
  return {
    factsOf,
    mayMatch(text, facts = factsOf(text)) {
      const holds = (atom: Atom): boolean => {
        switch (atom.kind) {
          case 'word':
            return facts.words.has(atom.value);
          case 'string':
            return facts.modules.has(atom.value);
          case 'string-prefix':
            return [...facts.modules].some((m) => m.startsWith(atom.value));
          case 'string-includes':
            return text.includes(atom.value);
          case 'header':
            // A header is a string in any case (`'User-Agent'`), or an identifier (`req.headers.cookie`).
            return headerChecks.get(atom)!.test(text) || facts.words.has(atom.value);
        }
      };
      const some = (candidates: Atom[][] | undefined) => !!candidates?.some((required) => required.every(holds));
      for (const word of facts.words) if (some(byWord.get(word))) return true;
      for (const module of facts.modules) {
        if (some(byModule.get(module))) return true;
        for (const [prefix, candidates] of byPrefix) if (module.startsWith(prefix) && some(candidates)) return true;
      }
      for (const m of matches(literalRegex, text)) {
        // A literal may start inside the one just found, so the search resumes one step on.
        literalRegex!.lastIndex = m.index + 1;
        if ([m[0], ...overlapping.get(m[0])!].some((literal) => some(byLiteral.get(literal)))) return true;
      }
      return !!headerRegex?.test(text) && some(headers);
    },
    // Comments are taken out only when the text seems to name a root, which few files do.
    mayAlias: (text, facts = factsOf(text)) => {
      if (!namesRoot(text, facts)) return false;
      const code = text.replace(LINE_COMMENTS, '');
      return namesRoot(code, factsOf(code));
    },
  };
}

/** Base64 text (an inlined font, image or wasm module) holds every short word by chance: `hj`, `ga`, `$`. */
const BLOB_RUN = 64;

/**
 * Whether a word sits inside an unbroken run of at least BLOB_RUN base64 characters. Code breaks
 * such runs with dots, spaces and brackets long before that, so no identifier is lost.
 */
function inBlob(text: string, start: number, end: number): boolean {
  let from = start;
  while (from > 0 && end - from < BLOB_RUN && isBase64(text.charCodeAt(from - 1))) from--;
  let to = end;
  while (to < text.length && to - from < BLOB_RUN && isBase64(text.charCodeAt(to))) to++;
  return to - from >= BLOB_RUN;
}

/** `[A-Za-z0-9+/=]`. */
function isBase64(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 43 || code === 47 || code === 61;
}

/** The modules and globals matchers start from, with the path segments that can follow each. */
interface Roots {
  /** The first name of each path a matcher of the module follows, or null when one takes the module whole. */
  modules: Map<string, Set<string> | null>;
  prefixes: Map<string, Set<string> | null>;
  /** The second path segments of each global, or null when a matcher is the global alone (`fbq(…)`). */
  globals: Map<string, Set<string> | null>;
}

function rootsOf(requirements: Requirement[]): Roots {
  const roots: Roots = { modules: new Map(), prefixes: new Map(), globals: new Map([...GLOBAL_OBJECTS].map((g) => [g, new Set()])) };
  const follow = (table: Map<string, Set<string> | null>, key: string, next: Atom | undefined) => {
    const known = table.get(key);
    if (!next || known === null) table.set(key, null);
    else table.set(key, (known ?? new Set()).add(next.value));
  };
  for (const { atoms, root } of requirements) {
    const next = root && atoms[atoms.indexOf(root) + 1];
    if (root?.kind === 'string') follow(roots.modules, root.value, next);
    else if (root?.kind === 'string-prefix') follow(roots.prefixes, root.value, next);
    else if (root?.kind === 'word') follow(roots.globals, root.value, next);
  }
  return roots;
}

/**
 * Whether a file names a module or global some matcher starts from, in a way its exports could
 * alias: a module it imports, a global used whole (`= navigator;`) or stepped into along a matcher's
 * path (`navigator.geolocation`, `document['cookie']`). `document.createElement` is no such use, and
 * neither is a `$` in a regular expression. The global objects count when used whole.
 */
function aliasTest({ modules, prefixes, globals }: Roots): (text: string, facts: Facts) => boolean {
  // Sticky: tried right after each use found.
  const after = new Map(
    [...globals].map(([global, segments]) => {
      const steps = segments && segments.size > 0 ? `\\s*!?\\??\\.\\s*(?:${[...segments].map(escapeRegex).join('|')})${AFTER_WORD}|\\s*!?\\[|` : '';
      return [global, segments === null ? undefined : new RegExp(`(?:${steps}${WHOLE_VALUE})`, 'my')];
    }),
  );
  // A module bound whole (a default or namespace import, `require`) reaches every path; one imported
  // by name only through the names it imports (`{ Platform }` never reaches `PermissionsAndroid`).
  const importsRoot = (module: string, facts: Facts) =>
    [modules.get(module), ...[...prefixes].filter(([prefix]) => module.startsWith(prefix)).map(([, firsts]) => firsts)].some(
      (firsts) => firsts === null || (firsts !== undefined && (!facts.named.has(module) || [...firsts].some((word) => facts.words.has(word)))),
    );
  return (text, facts) =>
    [...facts.modules].some((m) => importsRoot(m, facts)) ||
    facts.globals.some(([global, start, end]) => {
      // A property of something (`token.tt`) is no global, unless that something is the global object.
      if (text[start - 1] === '.' && !GLOBAL_OBJECT_DOT.test(text.slice(Math.max(0, start - 16), start))) return false;
      if (text[end] === '{') return false; // a template's `${`
      const next = after.get(global);
      if (!next) return true;
      next.lastIndex = end;
      return next.test(text);
    });
}

/** One regular expression for a list of literals, tried longest first; undefined for none. */
function alternation(literals: string[], wrap: (group: string) => string, flags: string): RegExp | undefined {
  return literals.length > 0 ? new RegExp(wrap(literals.map(escapeRegex).join('|')), flags) : undefined;
}

/** Successive matches of a global regex from the start; the caller may move `lastIndex` between them. */
function* matches(regex: RegExp | undefined, text: string): Generator<RegExpExecArray> {
  if (!regex) return;
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) yield m;
}

/**
 * What a requirement is looked up by: its longest word, else its module, else its longest literal;
 * a header (matched in any case) only when there is nothing else.
 */
function anchorOf(required: Atom[]): Atom | undefined {
  const longest = <T extends { value: string }>(atoms: T[]) => atoms.sort((a, b) => b.value.length - a.value.length)[0];
  const of = (...kinds: Atom['kind'][]) => longest(required.filter((a) => kinds.includes(a.kind)));
  const literal = of('string-includes');
  // `cdn.segment.com/analytics.js` holds `segment` as a whole word wherever it is written.
  const inner = literal && longest(innerWords(literal.value).map((value) => ({ kind: 'word' as const, value })));
  return of('word') ?? of('string', 'string-prefix') ?? inner ?? literal ?? of('header');
}

/**
 * The words of a literal that have a non-word character on both sides within it, so that they
 * stand alone in any text holding the literal; at least three characters long, to be worth a lookup.
 */
function innerWords(literal: string): string[] {
  return [...literal.matchAll(/(?<=[^\w$])[A-Za-z_$][\w$]{2,}(?=[^\w$])/g)].map((m) => m[0]);
}
