import type { RuleDefinition } from '../../types.js';
import type { RuleIndex } from '../rule-index.js';
import { escapeRegex } from '../../escape-regex.js';

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

export interface Prefilter {
  /** True when some matcher could match this text. */
  mayMatch(text: string): boolean;
}

const IDENTIFIER = /[A-Za-z_$][\w$]*/g;
const STRING_LITERAL = /(['"`])((?:(?!\1)[^\\\n]|\\.){1,300})\1/g;
const IDENTIFIER_ONLY = /^[A-Za-z_$][\w$]*$/;

const cache = new WeakMap<RuleIndex, Prefilter>();

export function prefilterFor(index: RuleIndex): Prefilter {
  let prefilter = cache.get(index);
  if (!prefilter) {
    prefilter = buildPrefilter(requirements(index));
    cache.set(index, prefilter);
  }
  return prefilter;
}

/** One atom list per JS matcher entry of the index. */
function requirements(index: RuleIndex): Atom[][] {
  const out: Atom[][] = [];
  const words = (segments: string[]): Atom[] => segments.filter((s) => IDENTIFIER_ONLY.test(s)).map((value) => ({ kind: 'word', value }));
  const moduleAtom = (module: string): Atom => (module.endsWith('/') ? { kind: 'string-prefix', value: module } : { kind: 'string', value: module });
  // Matchers with conditions live in `contextual`; the stand-ins of those conditions only qualify
  // other evidence, so a file needs no atom of theirs.
  const reported = (e: { rule: RuleDefinition }) => !index.conditionRules.has(e.rule);
  for (const tables of [index, index.contextual]) {
    for (const entries of tables.globals.values()) for (const e of entries.filter(reported)) out.push(words(e.path));
    for (const [root, entries] of tables.locals) for (const e of entries.filter(reported)) out.push(words([root, ...e.path]));
    for (const [name, entries] of tables.members) if (entries.some(reported)) out.push(words([name]));
    for (const [module, entries] of tables.imports) {
      for (const e of entries.filter(reported)) {
        if (!e.names) out.push([moduleAtom(module)]);
        // Any one name path is enough, so each becomes its own requirement.
        else for (const name of e.names) out.push([moduleAtom(module), ...words(name)]);
      }
    }
    for (const e of tables.importPrefixes.filter(reported)) {
      if (!e.names) out.push([moduleAtom(e.module)]);
      else for (const name of e.names) out.push([moduleAtom(e.module), ...words(name)]);
    }
    for (const [method, entries] of tables.callArgs) {
      for (const e of entries.filter(reported)) for (const arg of e.args) out.push([{ kind: 'word', value: method }, argumentAtom(arg)]);
    }
    for (const e of tables.urls.filter(reported)) for (const p of e.patterns) out.push([{ kind: 'string-includes', value: p }]);
  }
  for (const header of index.headers.keys()) out.push([{ kind: 'header', value: header }]);
  return out;
}

/** A call argument is written either as a literal or as a member name (`ext.UNMASKED_RENDERER_WEBGL`). */
function argumentAtom(arg: string | number): Atom {
  const value = String(arg);
  return IDENTIFIER_ONLY.test(value) ? { kind: 'word', value } : { kind: 'string-includes', value };
}

function buildPrefilter(requirements: Atom[][]): Prefilter {
  const usable = requirements.filter((r) => r.length > 0);
  // A matcher with no atoms could match anything, so every file must be parsed.
  if (usable.length < requirements.length) return { mayMatch: () => true };
  const atoms = usable.flat();
  // Header names such as `cookie` are also written as identifiers (`req.headers.cookie`).
  const wanted = new Set(atoms.filter((a) => a.kind === 'word' || (a.kind === 'header' && IDENTIFIER_ONLY.test(a.value))).map((a) => a.value));
  const fragments = [...new Set(atoms.filter((a) => a.kind === 'string-includes').map((a) => a.value))];
  const fragmentRegex = fragments.length > 0 ? new RegExp(fragments.map(escapeRegex).join('|')) : undefined;
  // Each requirement is filed under its longest word, so a file only tries the requirements whose
  // anchor it contains; the few without a word are always tried.
  const anchored = new Map<string, Atom[][]>();
  const unanchored: Atom[][] = [];
  for (const required of usable) {
    const anchor = required.filter((a) => a.kind === 'word').sort((a, b) => b.value.length - a.value.length)[0];
    if (!anchor) unanchored.push(required);
    else anchored.set(anchor.value, [...(anchored.get(anchor.value) ?? []), required]);
  }
  return {
    mayMatch(text) {
      const present = new Set<string>();
      for (const m of text.matchAll(IDENTIFIER)) if (wanted.has(m[0])) present.add(m[0]);
      const strings = new Set<string>();
      const lowered = new Set<string>();
      for (const m of text.matchAll(STRING_LITERAL)) {
        strings.add(m[2]!);
        lowered.add(m[2]!.toLowerCase());
      }
      // One pass tells whether any fragment occurs; overlapping fragments are then confirmed one by one.
      const anyFragment = fragmentRegex !== undefined && fragmentRegex.test(text);
      const has = (atom: Atom): boolean => {
        switch (atom.kind) {
          case 'word':
            return present.has(atom.value);
          case 'string':
            return strings.has(atom.value);
          case 'string-prefix':
            return [...strings].some((s) => s.startsWith(atom.value));
          case 'string-includes':
            return anyFragment && text.includes(atom.value);
          case 'header':
            return lowered.has(atom.value) || present.has(atom.value);
        }
      };
      for (const word of present) if (anchored.get(word)?.some((required) => required.every(has))) return true;
      return unanchored.some((required) => required.every(has));
    },
  };
}
