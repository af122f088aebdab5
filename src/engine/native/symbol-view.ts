import type { NativeLanguage } from '../../types.js';
import { type Chain, type ChainPart, memberFollows, openingBracket, readChain } from './chains.js';
import { AS_CAST, Declarations, JAVA_CAST } from './declarations.js';
import { replaceSpans, type Span } from './source-lexer.js';

/**
 * The text `symbol` patterns run on, and the way back to the original offsets. Compared with the
 * source it differs in four ways, so that one pattern covers the ways real code is written:
 *
 * - comments are blank, and import and package lines too (an import is not a use);
 * - `?.`, `!!.`, `!.` and a line break before `.` read as a plain `.` (`tm\n  ?.imei` reads `tm.imei`);
 * - a receiver whose type the file states reads as that type's simple name: `tm.imei` after
 *   `val tm = getSystemService(TELEPHONY_SERVICE) as TelephonyManager` reads `TelephonyManager.imei`,
 *   `[manager startUpdatingLocation]` after `CLLocationManager *manager` reads
 *   `[CLLocationManager startUpdatingLocation]`; a cast or typed call used as a receiver gets its
 *   type inserted before the member (`((TelephonyManager) x) TelephonyManager.getDeviceId()`);
 *   a variable initialised from a chain reads as that chain with call arguments dropped
 *   (`info.macAddress` after `val info = wifiManager.connectionInfo` reads
 *   `WifiManager.connectionInfo.macAddress`);
 * - a constant brought in by a static or member import reads qualified (`ANDROID_ID` after
 *   `import static android.provider.Settings.Secure.ANDROID_ID` reads `Settings.Secure.ANDROID_ID`).
 *
 * String literals are left in place: the matcher accepts a match only if it covers each literal it
 * touches whole, so `"android_id"` can be named in a pattern but a log message never matches.
 */
export interface SymbolView {
  text: string;
  /** The original range of a match in the view. A match that starts inside a rewritten receiver starts where that receiver starts. */
  toOriginal(start: number, end: number): Span;
}

interface Edit extends Span {
  text: string;
  /** Where a match starting inside `text` begins in the original. */
  anchor: number;
}

const KEYWORDS = new Set(['this', 'self', 'super', 'new', 'return', 'if', 'else', 'when', 'is', 'as', 'in', 'val', 'var', 'let', 'fun', 'func', 'class', 'null', 'nil', 'true', 'false']);
const ALIAS_DEPTH = 3;

/**
 * @param code the source with comments blanked (see `lexSource`)
 * @param masked the same with literal contents blanked too (see `maskLiterals`)
 */
export function buildSymbolView(code: string, masked: string, language: NativeLanguage): SymbolView {
  const declarations = new Declarations(masked, language);
  const blanked = replaceSpans(code, declarations.importLines);
  const structure = replaceSpans(masked, declarations.importLines);
  const edits = new EditList();
  const rewriter = new ReceiverRewriter(structure, language, declarations, edits);
  rewriter.rewrite();
  for (const m of structure.matchAll(/(?<=[\w$)\]>])\s*(?:\?|!!|!)?\s*(?=\.[ \t]*[A-Za-z_$])/g)) {
    // Spaces alone before a dot are left as they are: `case .authorized` is not a member access.
    if (/[\n?!]/.test(m[0])) edits.add({ start: m.index, end: m.index + m[0].length, text: '', anchor: m.index });
  }
  return assemble(blanked, edits.sorted());
}

class ReceiverRewriter {
  constructor(
    private readonly masked: string,
    private readonly language: NativeLanguage,
    private readonly declarations: Declarations,
    private readonly edits: EditList,
  ) {}

  rewrite(): void {
    for (const m of this.masked.matchAll(/[A-Za-z_$][\w$]*/g)) this.identifier(m[0], m.index);
    for (let i = this.masked.indexOf(')'); i >= 0; i = this.masked.indexOf(')', i + 1)) this.parenthesised(i + 1);
  }

  private identifier(name: string, start: number): void {
    if (KEYWORDS.has(name) || /[\w$]/.test(this.masked[start - 1] ?? '')) return;
    const end = start + name.length;
    const isMember = this.masked[skipBack(this.masked, start - 1)] === '.';
    if (!isMember) {
      const member = this.declarations.importedMember(name);
      if (member && this.declarations.resolve(name, start) === undefined) {
        this.edits.add({ start, end, text: member, anchor: start });
        return;
      }
    }
    const next = this.masked[skipForward(this.masked, end)];
    if (next === '(' || next === '<') {
      this.callReceiver(name, start, isMember);
      return;
    }
    const prefix = isMember ? /\b(?:this|self)\s*(?:\?|!!|!)?\s*\.\s*$/.exec(this.masked.slice(Math.max(0, start - 16), start)) : null;
    if (isMember && !prefix) return;
    const from = prefix ? start - prefix[0].length : start;
    if (!memberFollows(this.masked, end) && !this.isMessageReceiver(from, end)) return;
    const text = this.resolvedText(name, start, 0, new Set());
    if (text !== name) this.edits.add({ start: from, end, text, anchor: from });
  }

  /** A call whose result is used as a receiver, when the file says what it returns. */
  private callReceiver(name: string, start: number, isMember: boolean): void {
    const call = readChain(this.masked, start)?.parts[1];
    if (call?.kind !== 'call' || !memberFollows(this.masked, call.end)) return;
    const returned = name === 'getSystemService' ? this.serviceType(call.start, call.end, call.generic) : isMember ? undefined : this.declarations.functionType(name);
    if (returned) this.edits.add({ start: call.end, end: call.end, text: ` ${returned}`, anchor: start });
  }

  /** `(expr as TelephonyManager).imei` and `((TelephonyManager) expr).getDeviceId()`: the cast names the receiver's type. */
  private parenthesised(close: number): void {
    if (!memberFollows(this.masked, close)) return;
    const open = openingBracket(this.masked, close);
    if (open < 0 || /[\w$)\]>]\s*$/.test(this.masked.slice(Math.max(0, open - 8), open))) return;
    const inner = this.masked.slice(open + 1, close - 1).trim();
    const cast = JAVA_CAST.exec(inner) ?? AS_CAST.exec(inner);
    if (cast) this.edits.add({ start: close, end: close, text: ` ${this.declarations.typeName(cast[1]!)}`, anchor: open });
  }

  /** Objective-C `[receiver selector...]`. */
  private isMessageReceiver(start: number, end: number): boolean {
    return this.language === 'objc' && /\[\s*$/.test(this.masked.slice(Math.max(0, start - 8), start)) && /^\s+[A-Za-z_]/.test(this.masked.slice(end, end + 8));
  }

  /** `getSystemService(TelephonyManager.class)`, `getSystemService(TelephonyManager::class.java)`, `getSystemService<TelephonyManager>()`. */
  private serviceType(open: number, close: number, generic: string | undefined): string | undefined {
    if (generic) return this.declarations.typeName(generic.trim());
    const token = /([A-Z][\w.]*?)\s*(?:::class(?:\.java)?|\.class)\s*$/.exec(this.masked.slice(open + 1, close - 1));
    return token ? this.declarations.typeName(token[1]!) : undefined;
  }

  /** What a name used at `at` reads as: its declared type, the chain it aliases, or itself. */
  private resolvedText(name: string, at: number, depth: number, seen: Set<string>): string {
    const resolution = this.declarations.resolve(name, at);
    if (!resolution) return this.declarations.typeAlias(name) ?? this.declarations.importedMember(name) ?? name;
    if ('type' in resolution) return resolution.type;
    if (depth >= ALIAS_DEPTH || seen.has(name)) return name;
    const chain = readChain(this.masked, resolution.alias.start);
    return chain ? this.chainText(chain, depth + 1, new Set([...seen, name])) : name;
  }

  /** A chain as the view would read it in receiver position, with call arguments dropped. */
  private chainText(chain: Chain, depth: number, seen: Set<string>): string {
    const parts = [...chain.parts];
    let root = parts.shift()!;
    if (root.kind === 'name' && (root.name === 'this' || root.name === 'self') && parts[0]?.kind === 'name') root = parts.shift()!;
    if (root.kind !== 'name') return '';
    let text: string;
    if (parts[0]?.kind === 'call') {
      const call = parts.shift()!;
      const returned = root.name === 'getSystemService' && call.kind === 'call' ? this.serviceType(call.start, call.end, call.generic) : this.declarations.functionType(root.name);
      text = returned ?? `${root.name}()`;
    } else text = this.resolvedText(root.name, root.start, depth, seen);
    let previous: ChainPart = root;
    for (const part of parts) {
      if (part.kind === 'name') text += `.${part.name}`;
      else if (part.kind === 'index') text += '[]';
      else {
        const returned = previous.kind === 'name' && previous.name === 'getSystemService' ? this.serviceType(part.start, part.end, part.generic) : undefined;
        text = returned ?? `${text}()`;
      }
      previous = part;
    }
    return text;
  }
}

/** Non-overlapping edits, kept sorted; the first one added for a range wins. A zero-width insertion may touch a replacement. */
class EditList {
  private readonly list: Edit[] = [];

  add(edit: Edit): void {
    // Existing edits are disjoint and sorted, so only the neighbours of the insertion point can overlap.
    let lo = 0;
    let hi = this.list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(this.list[mid]!, edit)) lo = mid + 1;
      else hi = mid;
    }
    const previous = this.list[lo - 1];
    const next = this.list[lo];
    if ((previous && overlaps(previous, edit)) || (next && overlaps(next, edit))) return;
    this.list.splice(lo, 0, edit);
  }

  sorted(): Edit[] {
    return this.list;
  }
}

/** Sort order: by start, a zero-width insertion before a replacement that starts at the same offset. */
function before(a: Edit, b: Edit): boolean {
  return a.start < b.start || (a.start === b.start && a.end - a.start < b.end - b.start);
}

function overlaps(a: Edit, b: Edit): boolean {
  if (a.start === a.end || b.start === b.end) {
    const inside = (point: number, e: Edit) => point > e.start && point < e.end;
    return inside(a.start, b) || inside(b.start, a) || (a.start === b.start && a.end === b.end);
  }
  return a.start < b.end && b.start < a.end;
}

interface Piece {
  viewStart: number;
  viewEnd: number;
  start: number;
  end: number;
  /** Set for rewritten text; unset for copied text. */
  anchor?: number;
}

function assemble(text: string, edits: Edit[]): SymbolView {
  const pieces: Piece[] = [];
  let view = '';
  let at = 0;
  const copy = (to: number) => {
    if (to <= at) return;
    pieces.push({ viewStart: view.length, viewEnd: view.length + (to - at), start: at, end: to });
    view += text.slice(at, to);
    at = to;
  };
  for (const edit of edits) {
    copy(edit.start);
    if (edit.text) pieces.push({ viewStart: view.length, viewEnd: view.length + edit.text.length, start: edit.start, end: edit.end, anchor: edit.anchor });
    view += edit.text;
    at = edit.end;
  }
  copy(text.length);
  const pieceAt = (offset: number): Piece => {
    let lo = 0;
    let hi = pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (pieces[mid]!.viewStart <= offset) lo = mid;
      else hi = mid - 1;
    }
    return pieces[lo]!;
  };
  return {
    text: view,
    toOriginal(start, end) {
      const first = pieceAt(start);
      const last = pieceAt(Math.max(start, end - 1));
      return {
        start: first.anchor ?? first.start + (start - first.viewStart),
        end: last.anchor !== undefined ? last.end : last.start + (end - last.viewStart),
      };
    },
  };
}

/** The offset of the last non-blank character at or before `i` on the same line. */
function skipBack(text: string, i: number): number {
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return i;
}

function skipForward(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}
