import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { toPosix } from '../posix-path.js';
import { UsageError } from '../errors.js';
import { isScannable } from './scanners.js';

/** Never collection: dependencies, build output, vendored code and minified bundles. */
export const DEFAULT_IGNORES = [
  '**/node_modules/**',
  '**/.git/**',
  '**/dist/**',
  '**/build/**',
  '**/out/**',
  '**/.next/**',
  '**/.nuxt/**',
  '**/.expo/**',
  '**/coverage/**',
  '**/vendor/**',
  '**/vendors/**',
  '**/third_party/**',
  '**/bower_components/**',
  '**/Pods/*/**',
  '**/.gradle/**',
  '**/DerivedData/**',
  '**/*.min.js',
  '**/*.bundle.js',
  '**/*.d.ts',
  '**/*.d.mts',
  '**/*.d.cts',
];

/** Test-only code: mocks and tests reference SDKs without shipping them. `--include-tests` keeps it. */
export const TEST_IGNORES = [
  '**/__tests__/**',
  '**/__mocks__/**',
  '**/*.test.*',
  '**/*.spec.*',
  '**/e2e/**',
  '**/src/test/**',
  '**/src/androidTest/**',
  '**/*Tests/**',
];

/** Drops paths the ignores exclude, for files named one by one (the git index, an editor buffer). */
export function filterIgnored(files: string[], options: Omit<DiscoverOptions, 'paths'>): string[] {
  const ignored = globMatcher(ignorePatterns(options), { dot: true });
  const included = options.include.length > 0 ? globMatcher(options.include, { dot: true }) : () => true;
  return files.filter((file) => isScannable(file) && included(file) && !ignored(file)).sort();
}

function ignorePatterns(options: Pick<DiscoverOptions, 'includeTests' | 'exclude'>): string[] {
  return [...DEFAULT_IGNORES, ...(options.includeTests ? [] : TEST_IGNORES), ...options.exclude];
}

export interface DiscoverOptions {
  root: string;
  /** Files or folders given on the command line; empty means the root. */
  paths: string[];
  include: string[];
  exclude: string[];
  includeTests: boolean;
}

/**
 * Files to scan, relative to the root with `/` separators and sorted for stable output.
 * `.gitignore` is honoured; symbolic links are not followed, so a link loop cannot trap the walk.
 */
export async function discoverFiles(options: DiscoverOptions): Promise<string[]> {
  const ignore = ignorePatterns(options);
  const patterns = options.include.length > 0 ? options.include : ['**/*'];
  const targets = options.paths.length > 0 ? options.paths : [options.root];
  const found = new Set<string>();
  for (const target of targets) {
    const absolute = path.resolve(options.root, target);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      throw new UsageError(`cannot read ${target}: no such file or directory`);
    }
    const base = toPosix(path.relative(options.root, absolute));
    // A file named on the command line (lint-staged, --staged) still obeys the ignores.
    const scoped = stat.isFile() ? [base] : base && base !== '.' ? patterns.map((p) => `${base}/${p}`) : patterns;
    const files = gitListing(options.root, scoped, ignore) ?? (await walk(options.root, scoped, ignore));
    for (const file of files) if (isScannable(file)) found.add(file);
  }
  return [...found].sort();
}

/**
 * In a git work tree, git itself lists the files that are not ignored, with every ignore file git
 * reads (nested, global, info/exclude), in one call instead of a walk; undefined elsewhere.
 */
function gitListing(root: string, patterns: string[], ignore: string[]): string[] | undefined {
  let listed: string;
  try {
    // -t tags each path: a deleted file is listed once as cached (H) and once as removed (R).
    listed = execFileSync('git', ['ls-files', '-z', '-t', '--cached', '--others', '--deleted', '--exclude-standard'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 1024 * 1024 * 1024,
      encoding: 'utf8',
    });
  } catch {
    return undefined;
  }
  const present = new Set<string>();
  const removed = new Set<string>();
  for (const entry of listed.split('\0')) {
    if (entry.length < 3) continue;
    (entry[0] === 'R' ? removed : present).add(entry.slice(2));
  }
  const wanted = globMatcher(patterns, { dot: false });
  const ignored = globMatcher(ignore, { dot: true });
  // Paths outside the root (`../x`) cannot occur: git lists relative to its working folder.
  return [...present].filter((file) => !removed.has(file) && isScannable(file) && wanted(file) && !ignored(file));
}

/**
 * A list of globs as one test. picomatch's matcher for a list tries each pattern's regular
 * expression in turn, and those are slow to fail: on a 5,000-file tree, thirty ignores took a
 * tenth of a second. Most paths hold none of the globs' literal text, and a substring test turns
 * them away; the rest meet all the patterns at once, joined into one expression.
 */
function globMatcher(patterns: string[], options: { dot: boolean }): (file: string) => boolean {
  if (patterns.length === 0) return () => false;
  const regex = new RegExp(patterns.map((p) => `(?:${picomatch.makeRe(p, options).source})`).join('|'));
  const literals = patterns.map(requiredText);
  if (literals.includes('')) return (file) => regex.test(file);
  return (file) => literals.some((literal) => file.includes(literal)) && regex.test(file);
}

/**
 * The longest run of plain characters in a glob, which every path it matches holds (`dist` for
 * `**\/dist/**`); empty when no run is certain: braces, classes, extglobs and escapes.
 */
function requiredText(glob: string): string {
  if (/[\\{}()[\]!+@]/.test(glob)) return '';
  const runs = glob.split(/[*?]+/).map((run) => run.replace(/^\/+|\/+$/g, ''));
  return runs.reduce((longest, run) => (run.length > longest.length ? run : longest), '');
}

/** A walk of the folder with `.gitignore` files honoured, for a tree outside git. */
async function walk(root: string, patterns: string[], ignore: string[]): Promise<string[]> {
  const { globby } = await import('globby'); // not loaded where git lists the files
  const options = { cwd: root, ignore, dot: false, followSymbolicLinks: false, onlyFiles: true, suppressErrors: true };
  // Looking for ignore files costs a second walk of the tree, so only when the first one finds some.
  const files = await globby([...patterns, '**/.gitignore'], options);
  if (!files.some((file) => file === '.gitignore' || file.endsWith('/.gitignore'))) return files;
  return globby(patterns, { ...options, gitignore: true });
}
