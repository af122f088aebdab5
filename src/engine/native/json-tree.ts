import { createRequire } from 'node:module';
import type * as ts from 'typescript';

let typescript: typeof ts | undefined;

/** Required lazily and synchronously: an ESM import of the 9 MB compiler costs a second at start-up. */
function compiler(): typeof ts {
  typescript ??= createRequire(import.meta.url)('typescript') as typeof ts;
  return typescript;
}

export type JsonValue =
  | { kind: 'object'; entries: JsonEntry[]; start: number; end: number }
  | { kind: 'array'; items: JsonValue[]; start: number; end: number }
  | { kind: 'string'; value: string; start: number; end: number }
  | { kind: 'boolean'; value: boolean; start: number; end: number }
  | { kind: 'other'; start: number; end: number };

export interface JsonEntry {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: JsonValue;
}

export interface ParsedJson {
  root: JsonValue | undefined;
  /** The first syntax error, as `line L, column C: message`. */
  error?: string;
}

/**
 * Parses JSON with offsets, tolerating the comments and trailing commas that HBuilderX (uni-app
 * manifest.json) and editors leave in config files. TypeScript's JSON parser does this without a
 * program, and it is already a dependency.
 */
export function parseJson(text: string, fileName: string): ParsedJson {
  const source = compiler().parseJsonText(fileName, text);
  const statement = source.statements[0];
  const root = statement ? convert(statement.expression, source) : undefined;
  const diagnostic = (source as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics?.[0];
  if (!diagnostic) return { root };
  const at = source.getLineAndCharacterOfPosition(diagnostic.start);
  return { root, error: `line ${at.line + 1}, column ${at.character + 1}: ${compiler().flattenDiagnosticMessageText(diagnostic.messageText, ' ')}` };
}

function convert(node: ts.Expression, source: ts.SourceFile): JsonValue {
  const start = node.getStart(source);
  const end = node.getEnd();
  if (compiler().isObjectLiteralExpression(node)) {
    const entries: JsonEntry[] = [];
    for (const property of node.properties) {
      if (!compiler().isPropertyAssignment(property)) continue;
      const name = property.name;
      const key = compiler().isStringLiteral(name) || compiler().isIdentifier(name) || compiler().isNumericLiteral(name) ? name.text : name.getText(source);
      entries.push({ key, keyStart: name.getStart(source), keyEnd: name.getEnd(), value: convert(property.initializer, source) });
    }
    return { kind: 'object', entries, start, end };
  }
  if (compiler().isArrayLiteralExpression(node)) return { kind: 'array', items: node.elements.map((e) => convert(e, source)), start, end };
  if (compiler().isStringLiteral(node) || compiler().isNoSubstitutionTemplateLiteral(node)) return { kind: 'string', value: node.text, start, end };
  if (node.kind === compiler().SyntaxKind.TrueKeyword || node.kind === compiler().SyntaxKind.FalseKeyword) return { kind: 'boolean', value: node.kind === compiler().SyntaxKind.TrueKeyword, start, end };
  return { kind: 'other', start, end };
}

export function member(value: JsonValue | undefined, key: string): JsonValue | undefined {
  return value?.kind === 'object' ? value.entries.find((e) => e.key === key)?.value : undefined;
}

export function entries(value: JsonValue | undefined): JsonEntry[] {
  return value?.kind === 'object' ? value.entries : [];
}

export function items(value: JsonValue | undefined): JsonValue[] {
  return value?.kind === 'array' ? value.items : [];
}

/** A member path such as `['app-plus', 'distribute', 'android']`. */
export function at(value: JsonValue | undefined, path: readonly string[]): JsonValue | undefined {
  return path.reduce<JsonValue | undefined>((v, key) => member(v, key), value);
}
