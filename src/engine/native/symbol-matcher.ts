import type { NativeLanguage, RawFinding, RuleDefinition } from '../../types.js';
import type { RuleIndex } from '../rule-index.js';
import type { FileInput } from '../scanner.js';
import { LineIndex } from '../text.js';
import { lexSource, maskLiterals, type Span } from './source-lexer.js';
import { openingBracket } from './chains.js';
import { buildSymbolView } from './symbol-view.js';

/**
 * Runs the `symbol` rules for one language over a source file, through the symbol view (see
 * `buildSymbolView`): comments never match, and a match that cuts into a string literal (a log
 * message that says "getDeviceId()") is dropped, while one that covers a literal whole (`"android_id"`) counts.
 */
export function matchSymbols(input: FileInput, index: RuleIndex, language: NativeLanguage): RawFinding[] {
  const entries = index.symbols.filter((e) => e.languages.includes(language));
  if (entries.length === 0) return [];
  const lexed = lexSource(input.text, language);
  const masked = maskLiterals(lexed.code, lexed.literals);
  const view = buildSymbolView(lexed.code, masked, language);
  const lines = new LineIndex(input.text);
  const hits: { rule: RuleDefinition; at: Span }[] = [];
  for (const { rule, regex } of entries) {
    regex.lastIndex = 0;
    for (let m = regex.exec(view.text); m !== null; m = regex.exec(view.text)) {
      if (m[0].length === 0) {
        regex.lastIndex++;
        continue;
      }
      const at = view.toOriginal(m.index, m.index + m[0].length);
      if (cutsLiteral(lexed.literals, at)) {
        // A shorter match may still start here or just after, outside the literal.
        regex.lastIndex = m.index + 1;
        continue;
      }
      hits.push({ rule, at: masked[at.start] === '.' ? { start: receiverStart(masked, at.start), end: at.end } : at });
    }
  }
  return distinct(hits).map(({ rule, at }) => lines.finding(rule, input.file, at.start, at.end));
}

/**
 * One finding per rule per place: several patterns of a rule often match the same expression
 * (the typed `TelephonyManager.getImei(` and the plain `.getImei(`), and the earliest, longest wins.
 */
function distinct(hits: { rule: RuleDefinition; at: Span }[]): { rule: RuleDefinition; at: Span }[] {
  const sorted = [...hits].sort((a, b) => (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0) || a.at.start - b.at.start || b.at.end - a.at.end);
  const kept: { rule: RuleDefinition; at: Span }[] = [];
  for (const hit of sorted) {
    const last = kept.at(-1);
    if (last && last.rule === hit.rule && hit.at.start < last.at.end) continue;
    kept.push(hit);
  }
  return kept;
}

/**
 * Where the receiver of a member access at `dot` starts (`tm` in `tm.getImei(`, `a.b()` in
 * `a.b().getImei(`), so that a pattern written from the `.` still reports the whole expression.
 */
function receiverStart(masked: string, dot: number): number {
  let i = dot;
  while (i > 0) {
    const c = masked[i - 1]!;
    if (/[\w$.]/.test(c)) i--;
    else if (c === ')' || c === ']') {
      const open = openingBracket(masked, i);
      if (open < 0) break;
      i = open;
    } else if (masked[i] === '.' && /\s|\?|!/.test(c)) {
      const junk = /(?:\s*(?:\?|!!|!))?\s*$/.exec(masked.slice(Math.max(0, i - 40), i))![0];
      if (junk.length === 0) break;
      i -= junk.length;
    } else break;
  }
  return /[\w$)\]]/.test(masked[i] ?? '') ? i : dot;
}

/** Whether a range overlaps a literal without containing it whole. Literals are sorted and disjoint. */
function cutsLiteral(literals: readonly Span[], range: Span): boolean {
  let lo = 0;
  let hi = literals.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (literals[mid]!.end <= range.start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < literals.length && literals[i]!.start < range.end; i++) {
    if (literals[i]!.start < range.start || literals[i]!.end > range.end) return true;
  }
  return false;
}
