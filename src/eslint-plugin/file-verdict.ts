import fs from 'node:fs';
import path from 'node:path';
import { isKnownError } from '../errors.js';
import { toPosix } from '../posix-path.js';
import type { Finding } from '../types.js';
import { ProjectSnapshot } from './project-snapshot.js';

/** One file to judge, all paths absolute. */
export interface VerdictRequest {
  policy: string;
  /** The folder `privacy-lint check` would run from: paths and the policy's globs are relative to it. */
  root: string;
  file: string;
  /** The editor's text of the file, which may differ from the disk. */
  text: string;
}

/** The undisclosed findings in the file, or why the policy cannot be used (what `check` exits 2 with). */
export type FileVerdict = { findings: Finding[] } | { problem: string };

const snapshots = new Map<string, { stamp: string; snapshot: Promise<ProjectSnapshot> }>();

/** What `privacy-lint check` run from `root` against `policy` reports as undisclosed in the file. */
export async function verdictFor(request: VerdictRequest): Promise<FileVerdict> {
  const file = toPosix(path.relative(request.root, request.file));
  if (file === '' || file.startsWith('../') || path.isAbsolute(file)) return { findings: [] };
  try {
    const snapshot = await snapshotFor(request.root, request.policy);
    return { findings: await snapshot.undisclosedIn(file, request.text) };
  } catch (error) {
    if (isKnownError(error)) return { problem: error.message };
    throw error;
  }
}

/** One snapshot per root and policy, taken again when the policy file changes (path + mtime + size). */
function snapshotFor(root: string, policy: string): Promise<ProjectSnapshot> {
  const key = `${root}\0${policy}`;
  const stamp = fileStamp(policy);
  let entry = snapshots.get(key);
  if (entry?.stamp !== stamp) {
    entry = { stamp, snapshot: ProjectSnapshot.take(root, policy) };
    snapshots.set(key, entry);
  }
  return entry.snapshot;
}

function fileStamp(file: string): string {
  try {
    const stat = fs.statSync(file);
    return `${stat.mtimeMs}:${stat.size}`;
  } catch {
    // loadPolicy reports the missing file; the stamp changes once it exists.
    return 'unreadable';
  }
}
