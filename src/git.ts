import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from './errors.js';
import { decodeSource } from './engine/read-file.js';
import type { SelectedFile } from './scan.js';

/** Only regular files: a symbolic link's blob is its target path and a gitlink (submodule) has no blob here. */
const REGULAR_FILE_MODES = new Set(['100644', '100755']);
/** Whole staged sets are read in one `git cat-file --batch` call; the default 1 MiB would cut them off. */
const MAX_GIT_OUTPUT = 1024 * 1024 * 1024;

/**
 * What is staged for the next commit (added, copied, modified; a rename counts as an addition),
 * with the contents from the index, so that a file staged with a collection and edited back in
 * the work tree still fails the commit. Paths are relative to `cwd`.
 */
export function stagedFiles(cwd: string): SelectedFile[] {
  const top = repositoryRoot(cwd);
  // --raw gives the index blob id of each entry; the ids, unlike paths, are safe to pass on stdin.
  const raw = git(top, ['diff', '--cached', '--raw', '-z', '--no-abbrev', '--no-renames', '--no-ext-diff', '--diff-filter=ACM']).toString('utf8');
  const fields = raw.split('\0');
  const entries: { path: string; blob: string }[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [, mode, , blob] = fields[i]!.slice(1).split(' ');
    if (mode && blob && REGULAR_FILE_MODES.has(mode)) entries.push({ path: fields[i + 1]!, blob });
  }
  const blobs = readBlobs(top, entries.map((e) => e.blob));
  const from = fs.realpathSync(cwd);
  return entries.map((e, i) => ({ path: path.relative(from, path.join(top, e.path)), ...decodeSource(blobs[i]!) }));
}

/**
 * Files added or modified between the merge base of `ref` and HEAD and the work tree (deleted
 * files have nothing to scan), relative to `cwd`. The scan reads their contents from the work tree.
 */
export function changedSince(cwd: string, ref: string): SelectedFile[] {
  // A ref that looks like an option would be read by git as one.
  if (ref.startsWith('-')) throw new UsageError(`--since needs a git ref such as main or origin/main, not "${ref}"`);
  const top = repositoryRoot(cwd);
  git(top, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], `--since ${ref}: no such commit or branch in this repository (in CI, fetch it first)`);
  const base = git(top, ['merge-base', ref, 'HEAD'], `--since ${ref}: no common ancestor with HEAD (a shallow clone lacks the history: fetch it with fetch-depth: 0)`)
    .toString('utf8')
    .trim();
  const names = git(top, ['diff', '--name-only', '-z', '--no-renames', '--no-ext-diff', '--diff-filter=ACM', base, '--']).toString('utf8');
  const from = fs.realpathSync(cwd);
  return names
    .split('\0')
    .filter(Boolean)
    .map((name) => ({ path: path.relative(from, path.join(top, name)) }));
}

/** The top folder of the work tree holding `cwd`; a usage error outside a repository. */
export function repositoryRoot(cwd: string): string {
  if (!fs.existsSync(cwd)) throw new UsageError(`cannot read ${cwd}: no such directory`);
  return git(cwd, ['rev-parse', '--show-toplevel'], `${cwd} is not inside a git repository (--staged and --since need one)`).toString('utf8').trim();
}

function readBlobs(top: string, ids: string[]): Buffer[] {
  if (ids.length === 0) return [];
  const out = git(top, ['cat-file', '--batch'], undefined, `${ids.join('\n')}\n`);
  const blobs: Buffer[] = [];
  let at = 0;
  for (const id of ids) {
    const headerEnd = out.indexOf(10, at);
    const header = out.subarray(at, headerEnd).toString('utf8');
    const [, type, size] = header.split(' ');
    if (type !== 'blob' || size === undefined) throw new Error(`git cat-file: unexpected answer for ${id}: ${header}`);
    const start = headerEnd + 1;
    blobs.push(out.subarray(start, start + Number(size)));
    at = start + Number(size) + 1;
  }
  return blobs;
}

/** Runs git without a shell; a failure becomes a usage error, in the caller's words or git's own. */
function git(cwd: string, args: string[], failure?: string, input?: string): Buffer {
  try {
    return execFileSync('git', args, { cwd, input, maxBuffer: MAX_GIT_OUTPUT, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (e.code === 'ENOENT') throw new UsageError('git was not found on PATH (--staged and --since run it)');
    if (failure) throw new UsageError(failure);
    const detail = e.stderr?.toString('utf8').trim().split('\n')[0] || e.message;
    throw new UsageError(`git ${args[0]} failed: ${detail}`);
  }
}
