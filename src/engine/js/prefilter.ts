import type { RuleDefinition } from '../../types.js';
import type { RuleIndex } from '../rule-index.js';
import { escapeRegex } from '../../escape-regex.js';
import { GLOBAL_OBJECTS } from './references.js';

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
  /** True when some matcher could match this text. */
  mayMatch(text: string): boolean;
  /**
   * True when the text names a module or global that some matcher starts from. Only then can the
   * file's exports alias one (`export const pos = navigator.geolocation.getCurrentPosition`) and
   * hand an importer a matcher whose every literal is elsewhere.
   */
  mayAlias(text: string): boolean;
}

const IDENTIFIER_ONLY = /^[A-Za-z_$][\w$]*$/;
/** Written around a word so that it matches a whole identifier, as a tokenizer would see it. */
const BEFORE_WORD = '(?<![\\w$])';
const AFTER_WORD = '(?![\\w$])';
/**
 * A global as code refers to it: standing alone, not as some object's property (`token.tt`) unless
 * that object is the global one (`window.navigator`), and not as the `$` of a template's `${`.
 */
const BEFORE_GLOBAL = `${BEFORE_WORD}(?<!(?<!(?:${[...GLOBAL_OBJECTS].join('|')})\\??\\s*)\\.)`;
const AFTER_GLOBAL = '(?![\\w${])';
/**
 * After a global, what can make an alias of it as a whole: the end of an expression that stores it
 * (`= navigator;`, `{ nav: navigator }`, `ok ? navigator : x`, `navigator as any`, a line end).
 */
const WHOLE_VALUE = '\\s*(?:[;,}?]|as\\b)|[ \\t]*(?:\\/\\/|\\r?$)';
/** Comments that start a line: where prose names `document` or `plugins`, never code. */
const LINE_COMMENTS = /^[ \t]*(?:\/\/.*|\/\*[\s\S]*?\*\/)/gm;
/** Module specifiers are roots only where code imports them. */
const IMPORTED = '(?:\\bfrom|\\brequire\\s*\\(|\\bimport\\s*\\(?)\\s*';
const QUOTE = '[\'"`]';

const cache = new WeakMap<RuleIndex, Prefilter>();

export function prefilterFor(index: RuleIndex): Prefilter {
  let prefilter = cache.get(index);
  if (!prefilter) {
    prefilter = buildPrefilter(requirements(index));
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

/** A call argument is written either as a literal or as a member name (`ext.UNMASKED_RENDERER_WEBGL`). */
function argumentAtom(arg: string | number): Atom {
  const value = String(arg);
  return IDENTIFIER_ONLY.test(value) ? { kind: 'word', value } : { kind: 'string-includes', value };
}

/**
 * One regular expression finds the anchor of every requirement (its longest word, or for the few
 * without a word its longest literal), so a file that holds no anchor costs one scan and no
 * allocation. Each anchor found is then confirmed by checking all atoms of its requirements.
 */
function buildPrefilter(requirements: Requirement[]): Prefilter {
  // A matcher with no atoms could match anything, so every file must be parsed.
  if (requirements.some((r) => r.atoms.length === 0)) return { mayMatch: () => true, mayAlias: () => true };
  // Requirements by their anchor: a word (found whole) or a literal (found anywhere).
  const byWord = new Map<string, Atom[][]>();
  const byLiteral = new Map<string, Atom[][]>();
  const headers: Atom[][] = [];
  for (const { atoms } of requirements) {
    const anchor = anchorOf(atoms);
    if (anchor === undefined) headers.push(atoms);
    else push(anchor.kind === 'word' ? byWord : byLiteral, anchor.value, atoms);
  }
  const longestFirst = (a: string, b: string) => b.length - a.length || (a < b ? -1 : 1);
  const wordAnchors = [...byWord.keys()].sort(longestFirst);
  const literalAnchors = [...byLiteral.keys()].sort(longestFirst);
  // The boundaries stand outside the alternation: inside every alternative they make the search crawl.
  const wordRegex = alternation(wordAnchors, (group) => `${BEFORE_WORD}(?:${group})${AFTER_WORD}`, 'g');
  const literalRegex = alternation(literalAnchors, (group) => group, 'g');
  // Two literals found at one place are a prefix of one another, and the regex reports only the first.
  const overlapping = new Map(literalAnchors.map((a) => [a, literalAnchors.filter((b) => b !== a && (a.startsWith(b) || b.startsWith(a)))]));
  const headerRegex = alternation(headers.flat().map((a) => a.value), (group) => group, 'i');
  const checks = new Map<Atom, (text: string) => boolean>();
  const holds = (text: string, atoms: Atom[]) =>
    atoms.every((atom) => {
      let check = checks.get(atom);
      if (!check) checks.set(atom, (check = atomCheck(atom)));
      return check(text);
    });

  return {
    mayMatch(text) {
      if (headerRegex?.test(text) && headers.some((atoms) => holds(text, atoms))) return true;
      const tried = new Set<string>();
      const confirmed = (table: Map<string, Atom[][]>) => (anchor: string) => {
        if (tried.has(anchor)) return false;
        tried.add(anchor);
        return table.get(anchor)!.some((atoms) => holds(text, atoms));
      };
      const confirms = confirmed(byWord);
      const confirmsLiteral = confirmed(byLiteral);
      for (const m of matches(wordRegex, text)) if (confirms(m[0])) return true;
      for (const m of matches(literalRegex, text)) {
        // A literal may start inside the one just found, so the search resumes one step on.
        literalRegex!.lastIndex = m.index + 1;
        if (confirmsLiteral(m[0]) || overlapping.get(m[0])!.some(confirmsLiteral)) return true;
      }
      return false;
    },
    mayAlias: aliasTest(requirements),
  };
}

/**
 * Whether a file names a module or global some matcher starts from, in a way its exports could
 * alias: a module it imports, a global used whole (`= navigator;`) or stepped into along a matcher's
 * path (`navigator.geolocation`, `document['cookie']`). `document.createElement` is no such use, and
 * neither is a `$` in a regular expression. The global objects count when used whole.
 */
function aliasTest(requirements: Requirement[]): (text: string) => boolean {
  const modules = new Set<string>();
  const prefixes = new Set<string>();
  // The second path segments of each global, or null when a matcher is the global alone (`fbq(…)`).
  const globals = new Map<string, Set<string> | null>([...GLOBAL_OBJECTS].map((g) => [g, new Set()]));
  for (const { atoms, root } of requirements) {
    if (root?.kind === 'string') modules.add(root.value);
    else if (root?.kind === 'string-prefix') prefixes.add(root.value);
    else if (root?.kind === 'word') {
      const next = atoms[atoms.indexOf(root) + 1];
      const known = globals.get(root.value);
      if (!next || known === null) globals.set(root.value, null);
      else globals.set(root.value, (known ?? new Set()).add(next.value));
    }
  }
  const longestFirst = (a: string, b: string) => b.length - a.length || (a < b ? -1 : 1);
  const imported = [
    alternation([...modules].sort(longestFirst), (group) => `${IMPORTED}${QUOTE}(?:${group})${QUOTE}`, ''),
    alternation([...prefixes].sort(longestFirst), (group) => `${IMPORTED}${QUOTE}(?:${group})`, ''),
  ];
  const used = alternation([...globals.keys()].sort(longestFirst), (group) => `${BEFORE_GLOBAL}(?:${group})${AFTER_GLOBAL}`, 'g');
  // Sticky: tried right after each use found.
  const after = new Map(
    [...globals].map(([global, segments]) => {
      const steps = segments && segments.size > 0 ? `\\s*!?\\??\\.\\s*(?:${[...segments].map(escapeRegex).join('|')})${AFTER_WORD}|\\s*!?\\[|` : '';
      return [global, segments === null ? undefined : new RegExp(`(?:${steps}${WHOLE_VALUE})`, 'my')];
    }),
  );
  const names = (text: string) => {
    if (imported.some((regex) => regex?.test(text))) return true;
    for (const m of matches(used, text)) {
      const next = after.get(m[0]);
      if (!next) return true;
      next.lastIndex = m.index + m[0].length;
      if (next.test(text)) return true;
    }
    return false;
  };
  // Comments are taken out only when the text seems to name a root, which few files do.
  return (text) => names(text) && names(text.replace(LINE_COMMENTS, ''));
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
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

/** Whether `word` stands alone somewhere in the text, as a tokenizer would see an identifier. */
function hasWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!isWordChar(text.charCodeAt(at - 1)) && !isWordChar(text.charCodeAt(at + word.length))) return true;
  }
  return false;
}

/** `[A-Za-z0-9_$]`; NaN (outside the text) is not. */
function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36;
}

/** The longest word of a requirement, else its longest literal; headers (matched in any case) have none. */
function anchorOf(required: Atom[]): Atom | undefined {
  const longest = (atoms: Atom[]) => atoms.sort((a, b) => b.value.length - a.value.length)[0];
  return longest(required.filter((a) => a.kind === 'word')) ?? longest(required.filter((a) => a.kind !== 'header'));
}

/**
 * Whether one atom is in a text. Each check is at least as loose as the matcher it stands for: a
 * module specifier is looked for between any quotes, a word anywhere it stands alone.
 */
function atomCheck(atom: Atom): (text: string) => boolean {
  const value = escapeRegex(atom.value);
  switch (atom.kind) {
    case 'word':
      return (text) => hasWord(text, atom.value);
    case 'string': {
      const quoted = new RegExp(`${QUOTE}${value}${QUOTE}`);
      return (text) => quoted.test(text);
    }
    case 'string-prefix': {
      const quoted = new RegExp(`${QUOTE}${value}`);
      return (text) => quoted.test(text);
    }
    case 'string-includes':
      return (text) => text.includes(atom.value);
    case 'header': {
      // A header is a string in any case (`'User-Agent'`), or an identifier (`req.headers.cookie`).
      const quoted = new RegExp(`${QUOTE}${value}${QUOTE}`, 'i');
      return (text) => quoted.test(text) || (IDENTIFIER_ONLY.test(atom.value) && hasWord(text, atom.value));
    }
  }
}
