import { parse as parseToml, TomlError } from 'smol-toml';
import type { RawFinding } from '../../types.js';
import type { Scanner } from '../scanner.js';
import { escapeRegex } from '../../escape-regex.js';
import { LineIndex } from '../text.js';
import { lookup, namedFinding } from './named-rules.js';

type Table = Record<string, unknown>;

/**
 * Gradle version catalogs (`gradle/libs.versions.toml` and any other `*.versions.toml`): the
 * `[libraries]` coordinates and `[plugins]` ids, each reported at the line of its alias. smol-toml
 * gives no positions, so the alias is found in the text after parsing.
 */
export const versionCatalogScanner: Scanner = {
  scan(input, ctx) {
    let catalog: Table;
    try {
      catalog = parseToml(input.text) as Table;
    } catch (error) {
      const where = error instanceof TomlError ? `line ${error.line}, column ${error.column}: ` : '';
      const message = (error as Error).message.split('\n')[0];
      return { findings: [], warnings: [{ file: input.file, message: `could not parse the version catalog (${where}${message}); its libraries were not checked` }] };
    }
    const lines = new LineIndex(input.text);
    const findings: RawFinding[] = [];
    const declared = (section: string, alias: string, names: string[]) => {
      const at = aliasLine(input.text, section, alias);
      for (const rule of lookup(ctx.index, 'gradle', names)) findings.push(namedFinding(lines, rule, input.file, at.start, at.end, 'gradle'));
    };
    for (const [alias, value] of flatten(catalog.libraries)) {
      const module = libraryModule(value);
      if (module) declared('libraries', alias, [module, `${module.split(':')[0]}:*`]);
    }
    for (const [alias, value] of flatten(catalog.plugins)) {
      const id = typeof value === 'string' ? value.split(':')[0] : typeof (value as Table).id === 'string' ? ((value as Table).id as string) : undefined;
      if (id) declared('plugins', alias, [id]);
    }
    return { findings, warnings: [] };
  },
};

/** Entries of a section; dotted aliases (`umeng.common = ...`) arrive as nested tables and are joined back. */
function flatten(section: unknown, prefix = ''): [string, unknown][] {
  if (!section || typeof section !== 'object') return [];
  return Object.entries(section as Table).flatMap(([key, value]): [string, unknown][] => {
    const alias = prefix ? `${prefix}.${key}` : key;
    const isEntry = typeof value === 'string' || ['module', 'group', 'id'].some((k) => k in (value as Table));
    return isEntry ? [[alias, value]] : flatten(value, alias);
  });
}

/** `group:artifact` of a library: `"g:a:v"`, `{ module = "g:a" }` or `{ group = "g", name = "a" }`. */
function libraryModule(value: unknown): string | undefined {
  const coordinate = typeof value === 'string' ? value : typeof (value as Table).module === 'string' ? ((value as Table).module as string) : undefined;
  if (coordinate) return coordinate.split(':').slice(0, 2).join(':');
  const { group, name } = value as Table;
  return typeof group === 'string' && typeof name === 'string' ? `${group}:${name}` : undefined;
}

/** The line that declares an alias, searched after its section header; the header itself when the line is not found. */
function aliasLine(text: string, section: string, alias: string): { start: number; end: number } {
  const header = new RegExp(`^[ \\t]*\\[[ \\t]*${section}[ \\t]*\\]`, 'm').exec(text);
  const from = header ? header.index + header[0].length : 0;
  const key = alias.split('.').map((k) => `(?:"${escapeRegex(k)}"|'${escapeRegex(k)}'|${escapeRegex(k)})`).join('[ \\t]*\\.[ \\t]*');
  const line = new RegExp(`^[ \\t]*${key}[ \\t]*=[^\\n]*`, 'm').exec(text.slice(from));
  if (line) {
    const start = from + line.index + (line[0].length - line[0].trimStart().length);
    return { start, end: from + line.index + line[0].trimEnd().length };
  }
  return header ? { start: header.index, end: header.index + header[0].length } : { start: 0, end: 0 };
}
