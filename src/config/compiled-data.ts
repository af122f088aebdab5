import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from './package-root.js';

/**
 * Built-in data (rules, catalog) validated and serialised to JSON at build time. Parsing a hundred
 * YAML files with positions costs a second or more on a slow machine, in every process and every
 * worker. A JSON file is used only while it matches its YAML sources byte for byte, so an edited
 * rule or catalog entry is read from YAML until the next build and never served stale.
 */
const COMPILED_DIR = path.join(PACKAGE_ROOT, 'dist', 'compiled');

interface Compiled<T> {
  fingerprint: string;
  data: T;
}

/** A hash of the sources' paths (relative to the package) and contents. */
function fingerprint(sources: string[]): string {
  const hash = createHash('sha256');
  for (const file of [...sources].sort()) {
    hash.update(`${path.relative(PACKAGE_ROOT, file)}\0`);
    hash.update(fs.readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

const verified = new Map<string, { stamp: string; data: unknown }>();

/**
 * The compiled data when it is current for these sources, otherwise undefined (the caller parses
 * the YAML). Within a process, a source set whose sizes and modification times are unchanged is
 * not hashed again: the ESLint plugin and the API call scan() many times.
 */
export function readCompiled<T>(name: string, sources: string[]): T | undefined {
  const stamp = sources.map((file) => {
    const stat = fs.statSync(file);
    return `${file}:${stat.size}:${stat.mtimeMs}`;
  }).join('\n');
  const memo = verified.get(name);
  if (memo?.stamp === stamp) return memo.data as T;
  let compiled: Compiled<T>;
  try {
    compiled = JSON.parse(fs.readFileSync(path.join(COMPILED_DIR, `${name}.json`), 'utf8')) as Compiled<T>;
  } catch {
    return undefined;
  }
  if (compiled.fingerprint !== fingerprint(sources)) return undefined;
  verified.set(name, { stamp, data: compiled.data });
  return compiled.data;
}

/** Used by the build (scripts/compile-data.mjs). */
export function writeCompiled<T>(name: string, sources: string[], data: T): string {
  fs.mkdirSync(COMPILED_DIR, { recursive: true });
  const file = path.join(COMPILED_DIR, `${name}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ fingerprint: fingerprint(sources), data } satisfies Compiled<T>)}\n`);
  return file;
}
