import { createRequire } from 'node:module';
import type { TSESTree } from '@typescript-eslint/types';

type Parse = typeof import('@typescript-eslint/typescript-estree').parse;
let parser: Parse | undefined;

/** typescript-estree pulls in the TypeScript compiler (about half a second to load): only when a file needs parsing. */
function parse(...args: Parameters<Parse>): ReturnType<Parse> {
  parser ??= (createRequire(import.meta.url)('@typescript-eslint/typescript-estree') as { parse: Parse }).parse;
  return parser(...args);
}

export type ParseOutcome =
  | { ok: true; ast: TSESTree.Program }
  | { ok: false; line: number; column: number; message: string };

const JSX_ALWAYS = /\.(jsx|tsx)$/i;
const TYPESCRIPT = /\.(ts|mts|cts)$/i;

/**
 * Parses JavaScript or TypeScript without a TS Program. JSX follows the extension; a `.js` file
 * that fails is retried with JSX on, since React Native and older React code put JSX in `.js`.
 */
export function parseSource(text: string, file: string): ParseOutcome {
  const jsxFirst = JSX_ALWAYS.test(file) || !TYPESCRIPT.test(file);
  const first = tryParse(text, file, jsxFirst);
  if (first.ok || JSX_ALWAYS.test(file) || TYPESCRIPT.test(file)) return first;
  const second = tryParse(text, file, !jsxFirst);
  return second.ok ? second : first;
}

function tryParse(text: string, file: string, jsx: boolean): ParseOutcome {
  try {
    // allowInvalidAST skips typescript-estree's grammar checks on top of TypeScript's own syntax
    // errors (about a fifth of the parse): code that TypeScript parses is code that can collect.
    const ast = parse(text, { jsx, loc: true, range: true, comment: false, tokens: false, filePath: file, allowInvalidAST: true, suppressDeprecatedPropertyWarnings: true });
    return { ok: true, ast };
  } catch (error) {
    const e = error as { lineNumber?: number; column?: number; message: string };
    return { ok: false, line: e.lineNumber ?? 1, column: (e.column ?? 0) + 1, message: e.message.split('\n')[0]! };
  }
}
