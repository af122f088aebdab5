import fs from 'node:fs';
import path from 'node:path';

/**
 * Reads `expect: <rule-id>[, <rule-id>...]` markers from a fixture file. A marker sits in a comment
 * (`//`, `#`, `<!--`, `/*`) on the line above the code it describes; the expectation is for that line.
 */
export function readExpectations(file: string, relative: string): string[] {
  const out: string[] = [];
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  lines.forEach((line, i) => {
    const m = /(?:\/\/|#|<!--|\/\*)\s*expect:\s*([^\n]*?)\s*(?:-->|\*\/)?\s*$/.exec(line);
    if (!m) return;
    for (const rule of m[1]!.split(/[\s,]+/).filter(Boolean)) out.push(`${relative}:${i + 2} ${rule}`);
  });
  return out;
}

/**
 * Files that cannot hold comments (package.json) list their expectations in an `expect.txt` beside
 * them, one `file:line rule-id` per line.
 */
export function readSidecar(dir: string): string[] {
  const sidecar = path.join(dir, 'expect.txt');
  if (!fs.existsSync(sidecar)) return [];
  return fs
    .readFileSync(sidecar, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** Every file below a folder, relative with `/` separators. */
export function filesBelow(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(path.relative(dir, full).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}
