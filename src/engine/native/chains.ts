/**
 * Reference chains in Java, Kotlin, Swift and Objective-C source (`context.getSystemService(X).imei`),
 * read lexically from text whose comments and literals are already blanked.
 */

const IDENTIFIER = /[A-Za-z_$][\w$]*/y;
const MEMBER_SEPARATOR = /\s*(?:\?|!!|!)?\s*\.[ \t]*(?=[A-Za-z_$])/y;
const GENERIC_ARGS = /[ \t]*<[^<>;{}()=]*(?:<[^<>;{}()=]*>[^<>;{}()=]*)?>(?=[ \t]*\()/y;
const CALL_OPEN = /[ \t]*\(/y;

export type ChainPart =
  | { kind: 'name'; name: string; start: number; end: number }
  /** `start` is the opening parenthesis; `end` is after the closing one; `generic` holds `<T>` type arguments. */
  | { kind: 'call'; start: number; end: number; generic?: string }
  | { kind: 'index'; start: number; end: number };

export interface Chain {
  start: number;
  end: number;
  parts: ChainPart[];
}

/** Offset after the bracket that closes the one at `open`, or -1 when it is never closed. */
export function closingBracket(masked: string, open: number): number {
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  const stack: string[] = [];
  for (let i = open; i < masked.length; i++) {
    const c = masked[i]!;
    if (c in pairs) stack.push(pairs[c]!);
    else if (c === ')' || c === ']' || c === '}') {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i + 1;
    }
  }
  return -1;
}

/** Offset of the bracket that opens the one closing just before `close` (exclusive end), or -1. */
export function openingBracket(masked: string, close: number): number {
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const stack: string[] = [];
  for (let i = close - 1; i >= 0; i--) {
    const c = masked[i]!;
    if (c in pairs) stack.push(pairs[c]!);
    else if (c === '(' || c === '[' || c === '{') {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

function sticky(regex: RegExp, text: string, at: number): RegExpExecArray | null {
  regex.lastIndex = at;
  return regex.exec(text);
}

/** Reads the chain that starts with the identifier at `start`, or undefined when none starts there. */
export function readChain(masked: string, start: number): Chain | undefined {
  const first = sticky(IDENTIFIER, masked, start);
  if (!first) return undefined;
  const parts: ChainPart[] = [{ kind: 'name', name: first[0], start, end: start + first[0].length }];
  let i = start + first[0].length;
  for (;;) {
    const generic = sticky(GENERIC_ARGS, masked, i);
    const afterGeneric = generic ? i + generic[0].length : i;
    const call = sticky(CALL_OPEN, masked, afterGeneric);
    if (call && parts.at(-1)!.kind === 'name') {
      const open = afterGeneric + call[0].length - 1;
      const close = closingBracket(masked, open);
      if (close < 0) break;
      parts.push({ kind: 'call', start: open, end: close, ...(generic ? { generic: generic[0].trim().slice(1, -1) } : {}) });
      i = close;
      continue;
    }
    if (masked[i] === '[') {
      const close = closingBracket(masked, i);
      if (close < 0) break;
      parts.push({ kind: 'index', start: i, end: close });
      i = close;
      continue;
    }
    const separator = sticky(MEMBER_SEPARATOR, masked, i);
    if (!separator) break;
    const name = sticky(IDENTIFIER, masked, i + separator[0].length);
    if (!name) break;
    const at = i + separator[0].length;
    parts.push({ kind: 'name', name: name[0], start: at, end: at + name[0].length });
    i = at + name[0].length;
  }
  return { start, end: i, parts };
}

/** Whether a member access (`.x`, `?.x`, `!!.x`, possibly on the next line) follows `at`. */
export function memberFollows(masked: string, at: number): boolean {
  return sticky(MEMBER_SEPARATOR, masked, at) !== null;
}
