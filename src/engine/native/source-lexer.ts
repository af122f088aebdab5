/** Languages whose comments and string literals the lexer knows. Gradle scripts are Groovy or Kotlin; Podfiles are Ruby. */
export type SourceDialect = 'java' | 'kotlin' | 'groovy' | 'swift' | 'objc' | 'ruby';

/** A half-open range of offsets into the original text. */
export interface Span {
  start: number;
  end: number;
}

export interface LexedSource {
  /** The text with every comment replaced by spaces (line breaks kept), so offsets, lines and columns stay exact. */
  code: string;
  /**
   * The literal text of string and character literals, in order. A plain literal is one span
   * including its quotes; an interpolated one is split around its interpolations (`${...}`,
   * `\(...)`, `#{...}`), whose code is not literal.
   */
  literals: Span[];
}

interface Dialect {
  lineComment: '//' | '#';
  /** Kotlin and Swift block comments nest; Java's, Groovy's and C's do not. */
  nestedBlockComments: boolean;
  blockComments: boolean;
  /** Delimiters tried in order, longest first. */
  strings: StringForm[];
  /** Swift `#"..."#` raw strings. */
  hashRawStrings: boolean;
  /** Ruby `=begin` / `=end` blocks. */
  rubyBlocks: boolean;
}

interface StringForm {
  quote: string;
  escapes: boolean;
  /** The characters that open an interpolation and the one that closes it. */
  interpolation?: { open: string; close: string };
}

const KOTLIN_TEMPLATE = { open: '${', close: '}' };
const DIALECTS: Record<SourceDialect, Dialect> = {
  java: {
    lineComment: '//', blockComments: true, nestedBlockComments: false, hashRawStrings: false, rubyBlocks: false,
    strings: [{ quote: '"""', escapes: true }, { quote: '"', escapes: true }, { quote: "'", escapes: true }],
  },
  kotlin: {
    lineComment: '//', blockComments: true, nestedBlockComments: true, hashRawStrings: false, rubyBlocks: false,
    strings: [
      { quote: '"""', escapes: false, interpolation: KOTLIN_TEMPLATE },
      { quote: '"', escapes: true, interpolation: KOTLIN_TEMPLATE },
      { quote: "'", escapes: true },
    ],
  },
  groovy: {
    lineComment: '//', blockComments: true, nestedBlockComments: false, hashRawStrings: false, rubyBlocks: false,
    strings: [
      { quote: "'''", escapes: true },
      { quote: '"""', escapes: true, interpolation: KOTLIN_TEMPLATE },
      { quote: '"', escapes: true, interpolation: KOTLIN_TEMPLATE },
      { quote: "'", escapes: true },
    ],
  },
  swift: {
    lineComment: '//', blockComments: true, nestedBlockComments: true, hashRawStrings: true, rubyBlocks: false,
    strings: [
      { quote: '"""', escapes: true, interpolation: { open: '\\(', close: ')' } },
      { quote: '"', escapes: true, interpolation: { open: '\\(', close: ')' } },
    ],
  },
  objc: {
    lineComment: '//', blockComments: true, nestedBlockComments: false, hashRawStrings: false, rubyBlocks: false,
    strings: [{ quote: '"', escapes: true }, { quote: "'", escapes: true }],
  },
  ruby: {
    lineComment: '#', blockComments: false, nestedBlockComments: false, hashRawStrings: false, rubyBlocks: true,
    strings: [{ quote: '"', escapes: true, interpolation: { open: '#{', close: '}' } }, { quote: "'", escapes: true }],
  },
};

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/**
 * Blanks comments and records where string literals are, in one pass that follows the language's
 * nesting (interpolations inside strings, nested block comments). It is a lexer, not a parser: it
 * never fails, and an unterminated literal or comment simply runs to the end of the text.
 */
export function lexSource(text: string, dialect: SourceDialect): LexedSource {
  const d = DIALECTS[dialect];
  const comments: Span[] = [];
  const literals: Span[] = [];

  /** Scans code from `i` until `closer` at depth zero (or the end); returns the offset after the closer. */
  const code = (start: number, closer: string | undefined): number => {
    const stack: string[] = [];
    let i = start;
    while (i < text.length) {
      const c = text[i]!;
      if (closer !== undefined && stack.length === 0 && c === closer[0] && text.startsWith(closer, i)) return i + closer.length;
      const skipped = c === '/' || c === '#' || c === '=' ? comment(i) : undefined;
      if (skipped !== undefined) {
        i = skipped;
        continue;
      }
      if (c === '"' || c === "'" || (c === '#' && d.hashRawStrings)) {
        const end = stringAt(i);
        if (end !== undefined) {
          i = end;
          continue;
        }
      }
      if (c === '(' || c === '[' || c === '{') stack.push(OPENERS[c]!);
      else if (stack.length > 0 && c === stack.at(-1)) stack.pop();
      i++;
    }
    return i;
  };

  /** The end of a comment starting at `i`, recorded for blanking; undefined when none starts there. */
  const comment = (i: number): number | undefined => {
    let end: number | undefined;
    if (text.startsWith(d.lineComment, i) && !(d.lineComment === '#' && text[i + 1] === '{')) end = lineEnd(text, i);
    else if (d.blockComments && text.startsWith('/*', i)) end = blockCommentEnd(text, i, d.nestedBlockComments);
    else if (d.rubyBlocks && text.startsWith('=begin', i) && (i === 0 || text[i - 1] === '\n')) {
      const close = text.indexOf('\n=end', i);
      end = close < 0 ? text.length : lineEnd(text, close + 1);
    }
    if (end !== undefined) comments.push({ start: i, end });
    return end;
  };

  /** The end of a string literal starting at `i`, recorded; undefined when none starts there. */
  const stringAt = (i: number): number | undefined => {
    if (d.hashRawStrings && text[i] === '#') {
      const raw = /^(#+)("""|")/.exec(text.slice(i, i + 12));
      if (!raw) return undefined;
      const terminator = raw[2]! + raw[1]!;
      const close = text.indexOf(terminator, i + raw[0].length);
      const end = close < 0 ? text.length : close + terminator.length;
      literals.push({ start: i, end });
      return end;
    }
    const form = d.strings.find((s) => text.startsWith(s.quote, i));
    return form ? literal(i, form) : undefined;
  };

  /** Scans a string literal starting at its opening quote; returns the offset after the closing quote. */
  const literal = (start: number, form: StringForm): number => {
    const open = form.interpolation?.open;
    let pieceStart = start;
    let i = start + form.quote.length;
    while (i < text.length) {
      const c = text[i]!;
      if (open !== undefined && c === open[0] && text.startsWith(open, i)) {
        literals.push({ start: pieceStart, end: i });
        i = code(i + open.length, form.interpolation!.close);
        pieceStart = i;
        continue;
      }
      if (form.escapes && c === '\\') {
        i += 2;
        continue;
      }
      if (c === form.quote[0] && text.startsWith(form.quote, i)) {
        i += form.quote.length;
        break;
      }
      // A single-line literal never spans lines; stopping here keeps one stray quote from swallowing the file.
      if (form.quote.length === 1 && c === '\n') break;
      i++;
    }
    literals.push({ start: pieceStart, end: Math.min(i, text.length) });
    return i;
  };

  code(0, undefined);
  return { code: replaceSpans(text, comments), literals };
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

function blockCommentEnd(text: string, start: number, nested: boolean): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    if (text.startsWith('/*', i)) {
      depth++;
      i += 2;
      if (!nested && depth > 1) depth = 1;
    } else if (text.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return text.length;
}

/** The text with literal contents also blanked: for structural searches that must never see inside a string. */
export function maskLiterals(code: string, literals: readonly Span[]): string {
  return replaceSpans(code, literals);
}

/** The text with each span's characters turned into spaces, line breaks kept. Spans are sorted and disjoint. */
export function replaceSpans(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const span of spans) {
    parts.push(text.slice(at, span.start), text.slice(span.start, span.end).replace(/[^\r\n]/g, ' '));
    at = span.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
