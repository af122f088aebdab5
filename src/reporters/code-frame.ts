import fs from 'node:fs';
import path from 'node:path';

/** Two lines of context around a finding, with a caret under the columns it covers. */
export function codeFrame(root: string, file: string, line: number, column: number, endLine: number, endColumn: number, cache: Map<string, string[] | null>): string | undefined {
  let lines = cache.get(file);
  if (lines === undefined) {
    try {
      lines = fs.readFileSync(path.join(root, file), 'utf8').split(/\r?\n/);
    } catch {
      lines = null;
    }
    cache.set(file, lines);
  }
  if (!lines || !lines[line - 1]) return undefined;
  const from = Math.max(1, line - 1);
  const to = Math.min(lines.length, line + 1);
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    const text = lines[n - 1]!.replace(/\t/g, '  ').slice(0, 160);
    out.push(`${n === line ? '>' : ' '} ${String(n).padStart(width)} | ${text}`);
    if (n === line) {
      const length = endLine === line ? Math.max(1, endColumn - column) : Math.max(1, text.length - column + 1);
      out.push(`  ${' '.repeat(width)} | ${' '.repeat(column - 1)}${'^'.repeat(Math.min(length, 120))}`);
    }
  }
  return out.join('\n');
}
