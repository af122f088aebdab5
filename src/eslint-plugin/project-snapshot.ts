import { createHash } from 'node:crypto';
import path from 'node:path';
import { isGitIgnored } from 'globby';
import { loadPolicy } from '../config/policy.js';
import { type DiscoverOptions, discoverFiles, filterIgnored } from '../engine/files.js';
import { readSourceFile } from '../engine/read-file.js';
import { SDK_DEFAULTS_FAMILY } from '../engine/sdk-defaults.js';
import { scan } from '../scan.js';
import type { Finding, ScanResult } from '../types.js';

/**
 * What `privacy-lint check` finds in a project, kept so that the ESLint rule can answer for one
 * file at a time and still agree with it. Most findings depend on their own file only, but two
 * things come from the rest of the project: an SDK's default collection is reported once, at the
 * SDK's first presence in path order (often package.json or a Gradle file), and rules can be
 * gated on the dependencies of every package.json. So a file whose text differs from what the
 * snapshot scanned is scanned again together with those "context" files, read fresh from disk.
 */
export class ProjectSnapshot {
  private constructor(
    private readonly root: string,
    private readonly policyPath: string,
    private readonly discover: Omit<DiscoverOptions, 'paths'>,
    private readonly gitIgnored: (file: string) => boolean,
    private readonly result: ScanResult,
    /** Text hash of every file the snapshot scanned, relative to the root. */
    private readonly scanned: ReadonlyMap<string, string>,
    /** Files that decide where SDK defaults go or which dependencies exist; grows as edits add SDK use. */
    private readonly context: Set<string>,
  ) {}

  /**
   * Scans the project under `root` as `privacy-lint check` does from that folder.
   * @throws ConfigError or UsageError when the policy (or a rule folder it names) cannot be used.
   */
  static async take(root: string, policyPath: string): Promise<ProjectSnapshot> {
    const policy = loadPolicy(policyPath);
    const discover = { root, include: policy.scan.include, exclude: policy.scan.exclude, includeTests: false };
    const files = await discoverFiles({ ...discover, paths: [] });
    // Scanning these very texts (not the disk again) makes each hash describe exactly what was scanned.
    const texts = new Map<string, string>();
    for (const file of files) {
      const { text } = readSourceFile(path.join(root, file));
      if (text !== undefined) texts.set(file, text);
    }
    const result = await scan({ cwd: root, paths: [], policy: policyPath, files: [...texts].map(([file, text]) => ({ path: file, text })) });
    const context = new Set([
      ...[...texts.keys()].filter(isPackageManifest),
      ...result.findings.filter((f) => f.rule.startsWith(`${SDK_DEFAULTS_FAMILY}/`)).map((f) => f.file),
    ]);
    const gitIgnored = await isGitIgnored({ cwd: root, ignore: ['**/node_modules/**'], suppressErrors: true, followSymbolicLinks: false });
    const scanned = new Map([...texts].map(([file, text]) => [file, hash(text)]));
    return new ProjectSnapshot(root, policyPath, discover, gitIgnored, result, scanned, context);
  }

  /**
   * The findings `check` would report as undisclosed in `file` (relative to the root) if it held
   * `text`, given the other files as they are on disk now.
   */
  async undisclosedIn(file: string, text: string): Promise<Finding[]> {
    const context = [...this.context].filter((f) => f !== file).map((f) => ({ path: f, text: readSourceFile(path.join(this.root, f)).text }));
    // A context file that is gone counts as changed: the SDK it anchored may now anchor here.
    const unchanged = (f: string, t: string | undefined) => t !== undefined && this.scanned.get(f) === hash(t);
    if (unchanged(file, text) && context.every((c) => unchanged(c.path, c.text))) return this.result.findings.filter((f) => f.file === file && f.status === 'undisclosed');
    if (filterIgnored([file], this.discover).length === 0 || this.gitIgnored(file)) return [];

    const result = await scan({ cwd: this.root, paths: [], policy: this.policyPath, files: [{ path: file, text }, ...context.flatMap((c) => (c.text === undefined ? [] : [{ path: c.path, text: c.text }]))] });
    const found = result.findings.filter((f) => f.file === file);
    if (found.some((f) => f.thirdParty !== null)) this.context.add(file);
    return found.filter((f) => f.status === 'undisclosed');
  }
}

function isPackageManifest(file: string): boolean {
  return path.posix.basename(file) === 'package.json';
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}
