import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawFinding, RuleDefinition, ScanWarning } from '../types.js';
import { TOOL_VERSION } from '../version.js';
import { writeAtomically } from '../write-atomically.js';
import { ProjectIndex } from './js/project-links.js';
import type { FileOutput } from './scanner.js';
import { type FileStamp, stampOf } from './read-file.js';
import type { Suppression } from './suppressions.js';
import { toPosix } from '../posix-path.js';

/** Default cache file name, in the scan root (and in .gitignore). */
export const DEFAULT_CACHE_FILE = '.privacy-lint-cache';
const CACHE_FORMAT = 3;

/**
 * What a file's result read besides its own text: the project files its imports resolved to, and
 * the files whose export tables it followed (directly or through re-exports). Paths are relative
 * to the scan root.
 */
interface Links {
  /** `[importing file, specifier, resolved file or null]`: re-resolved and compared on reuse. */
  resolved: [string, string, string | null][];
  /**
   * `[file, content hash or null when unreadable, stamp when read from disk]`: on reuse, an
   * unchanged stamp holds; otherwise the file is rehashed and compared.
   */
  read: [string, string | null, FileStamp | null][];
}

/** What a file's analysis read of other project files, as absolute paths: resolved imports, and files read for their exports. */
export interface RecordedLinks {
  resolved: [string, string, string | null][];
  read: string[];
}

/** Everything a scan keeps of one file, whether computed now or served from the cache. */
export interface FileRecord {
  output: FileOutput;
  /** The file's `privacy-lint-disable` directives. */
  suppressions: Suppression[];
  /** Why the file was read imperfectly (as Latin-1, say). */
  readWarning?: string;
}

interface Entry extends FileRecord {
  hash: string;
  /** Null when the text did not come from the disk (the git index), so only its hash can match. */
  stamp: FileStamp | null;
  links: Links;
}

interface CacheFile {
  format: typeof CACHE_FORMAT;
  key: string;
  files: Record<string, Entry>;
}

/**
 * Everything besides a file's own text and links that shapes its raw findings: the engine's code,
 * the rule definitions, the dependency set `requires:` gates test, and the root paths are relative
 * to. The policy's verdicts are computed after the cache, so only its `scan.rules` matter, through
 * the rules. A scanner that starts depending on anything else must add it here.
 */
export function cacheKey(input: { root: string; rules: readonly RuleDefinition[]; dependencies: ReadonlySet<string> }): string {
  return sha256(JSON.stringify([engineFingerprint(), input.root, input.rules, [...input.dependencies].sort()]));
}

/**
 * A per-file cache of raw findings. An entry is reused only when the file is unchanged (its size
 * and modification time, or else its text's hash, are the same), the key (engine, rules,
 * dependencies) is unchanged, and every cross-file link it followed still resolves to the same file
 * with the same content; anything else is a miss, so a stale entry can never hide a finding. A
 * corrupt or foreign cache file is ignored and rewritten.
 */
export class ScanCache {
  /** Pass this as the scan context's project index: it records the links each file follows. */
  readonly project: RecordingProjectIndex;
  private readonly previous: Map<string, Entry>;
  private readonly next = new Map<string, Entry>();
  private readonly hashes = new Map<string, string | null>();
  /** Links already checked this run, by `from\0specifier\0target`. */
  private readonly checkedLinks = new Map<string, boolean>();
  /** Whether an entry was added or restamped: a warm run that only reused entries leaves the file be. */
  private changed = false;

  private readonly root: string;

  /** @param project the scan's project index, whose links each entry records and rechecks. */
  constructor(
    private readonly location: string,
    private readonly key: string,
    project: RecordingProjectIndex,
  ) {
    this.project = project;
    this.root = project.root;
    this.previous = readCacheFile(location, key);
  }

  /** A still-valid entry for a file on disk whose stamp is unchanged, found without reading it. */
  lookupStamp(file: string): FileRecord | undefined {
    const cached = this.previous.get(file);
    if (!cached?.stamp) return undefined;
    return sameStamp(stampOf(path.join(this.root, file)), cached.stamp) ? this.reuse(file, cached, cached.stamp) : undefined;
  }

  /** A still-valid entry for this text (a touched but unchanged file, the git index); undefined on a miss. */
  lookup(file: string, text: string, stamp: FileStamp | undefined): FileRecord | undefined {
    const cached = this.previous.get(file);
    return cached && cached.hash === sha256(text) ? this.reuse(file, cached, stamp ?? null) : undefined;
  }

  /** Stores a record just computed, here or on a worker thread, with the absolute links it recorded. */
  remember(file: string, text: string, stamp: FileStamp | undefined, record: FileRecord, links: RecordedLinks): void {
    this.changed = true;
    this.next.set(file, { ...record, hash: sha256(text), stamp: stamp ?? null, links: this.relative(links) });
  }

  private reuse(file: string, cached: Entry, stamp: FileStamp | null): FileRecord | undefined {
    if (!this.linksHold(cached.links)) return undefined;
    if (stamp !== cached.stamp) this.changed = true;
    this.next.set(file, { ...cached, stamp });
    return cached;
  }

  /**
   * Writes this run's entries plus earlier ones for files this run did not scan (a `--staged` run
   * keeps the full run's entries). A cache that cannot be written is a warning, never a failure.
   */
  save(): ScanWarning[] {
    const files: Record<string, Entry> = {};
    for (const [file, entry] of this.previous) if (!this.next.has(file) && fs.existsSync(path.join(this.root, file))) files[file] = entry;
    for (const [file, entry] of this.next) files[file] = entry;
    // Nothing added, restamped or dropped: the file on disk already says all this.
    if (!this.changed && Object.keys(files).length === this.previous.size) return [];
    const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const content: CacheFile = { format: CACHE_FORMAT, key: this.key, files: sorted };
    try {
      writeAtomically(this.location, JSON.stringify(content));
      return [];
    } catch (error) {
      return [{ file: toPosix(path.relative(this.root, this.location)), message: `could not write the cache: ${(error as Error).message}` }];
    }
  }

  private linksHold(links: Links): boolean {
    // Stored paths are normalised and relative; only one that leaves the root needs resolving.
    const absolute = (p: string) => (path.sep === '/' && !p.startsWith('..') ? `${this.root}/${p}` : path.resolve(this.root, p));
    for (const [from, specifier, target] of links.resolved) {
      // Entries share links (every importer of a re-exporting file records its links): each is checked once.
      const key = `${from}\0${specifier}\0${target}`;
      let holds = this.checkedLinks.get(key);
      if (holds === undefined) {
        holds = (this.project.resolveFile(absolute(from), specifier) ?? null) === (target === null ? null : absolute(target));
        this.checkedLinks.set(key, holds);
      }
      if (!holds) return false;
    }
    return links.read.every(([file, hash, stamp]) => {
      const at = absolute(file);
      return (stamp !== null && !this.project.hasGivenText(at) && sameStamp(stampOf(at), stamp)) || this.fileHash(at) === hash;
    });
  }

  /** The hash of a linked file as this scan sees it (staged contents included), null if unreadable. */
  private fileHash(file: string): string | null {
    if (!this.hashes.has(file)) {
      const text = this.project.textOf(file);
      this.hashes.set(file, text === undefined ? null : sha256(text));
    }
    return this.hashes.get(file)!;
  }

  private relative(links: RecordedLinks): Links {
    const rel = (p: string) => toPosix(path.relative(this.root, p));
    return {
      resolved: links.resolved.map(([from, specifier, target]) => [rel(from), specifier, target === null ? null : rel(target)]),
      read: links.read.map((file) => [rel(file), this.fileHash(file), this.project.hasGivenText(file) ? null : (stampOf(file) ?? null)]),
    };
  }
}

interface Observed {
  resolved: Map<string, [string, string, string | null]>;
  tables: Set<string>;
}

/**
 * The project index, recording what each file's analysis asked of the rest of the project. Export
 * tables are computed once per scan and shared by every importer, so each table's own links are
 * kept and an importer's links are closed over the tables it reached.
 */
export class RecordingProjectIndex extends ProjectIndex {
  private readonly frames: Observed[] = [];
  private readonly tableLinks = new Map<string, Observed>();

  override resolveFile(fromFile: string, specifier: string): string | undefined {
    const target = super.resolveFile(fromFile, specifier);
    this.frames.at(-1)?.resolved.set(`${fromFile}\0${specifier}`, [fromFile, specifier, target ?? null]);
    return target;
  }

  override exportsOf(file: string): ReturnType<ProjectIndex['exportsOf']> {
    return this.asDependency(file, () => super.exportsOf(file));
  }

  protected override linkInfo(file: string): ReturnType<ProjectIndex['linkInfo']> {
    return this.asDependency(file, () => super.linkInfo(file));
  }

  /**
   * Runs a per-file computation that the index memoizes, recording the links it follows under that
   * file, so that every later asker, which gets the memo, inherits them too. Registered before
   * computing, so an export cycle ends here; the closure in record() completes it.
   */
  private asDependency<T>(file: string, compute: () => T): T {
    this.frames.at(-1)?.tables.add(file);
    let own = this.tableLinks.get(file);
    if (!own) this.tableLinks.set(file, (own = { resolved: new Map(), tables: new Set() }));
    this.frames.push(own);
    try {
      return compute();
    } finally {
      this.frames.pop();
    }
  }

  /** Runs `fn` and returns what it linked to, including everything behind the export tables it read. */
  record<T>(fn: () => T): { value: T; links: RecordedLinks } {
    const own: Observed = { resolved: new Map(), tables: new Set() };
    this.frames.push(own);
    let value: T;
    try {
      value = fn();
    } finally {
      this.frames.pop();
    }
    const resolved = new Map(own.resolved);
    const read = new Set<string>();
    const pending = [...own.tables];
    for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
      if (read.has(file)) continue;
      read.add(file);
      const links = this.tableLinks.get(file);
      for (const [k, v] of links?.resolved ?? []) resolved.set(k, v);
      pending.push(...(links?.tables ?? []));
    }
    return { value, links: { resolved: [...resolved.values()], read: [...read].sort() } };
  }
}

function readCacheFile(location: string, key: string): Map<string, Entry> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(location, 'utf8'));
  } catch {
    return new Map();
  }
  if (!parsed || typeof parsed !== 'object') return new Map();
  const cache = parsed as Partial<CacheFile>;
  if (cache.format !== CACHE_FORMAT || cache.key !== key || !cache.files || typeof cache.files !== 'object') return new Map();
  return new Map(Object.entries(cache.files).filter((e): e is [string, Entry] => isEntry(e[1])));
}

function isEntry(value: unknown): value is Entry {
  const e = value as Partial<Entry> | null;
  return (
    !!e &&
    typeof e.hash === 'string' &&
    (e.stamp === null || isStamp(e.stamp)) &&
    Array.isArray(e.suppressions) &&
    e.suppressions.every(isSuppression) &&
    (e.readWarning === undefined || typeof e.readWarning === 'string') &&
    !!e.output &&
    Array.isArray(e.output.findings) &&
    e.output.findings.every(isRawFinding) &&
    Array.isArray(e.output.warnings) &&
    e.output.warnings.every((w) => !!w && typeof w.file === 'string' && typeof w.message === 'string') &&
    !!e.links &&
    Array.isArray(e.links.resolved) &&
    e.links.resolved.every((r) => Array.isArray(r) && r.length === 3 && typeof r[0] === 'string' && typeof r[1] === 'string' && (r[2] === null || typeof r[2] === 'string')) &&
    Array.isArray(e.links.read) &&
    e.links.read.every((r) => Array.isArray(r) && r.length === 3 && typeof r[0] === 'string' && (r[1] === null || typeof r[1] === 'string') && (r[2] === null || isStamp(r[2])))
  );
}

function isStamp(value: unknown): value is FileStamp {
  return Array.isArray(value) && value.length === 2 && value.every((n) => typeof n === 'number');
}

function sameStamp(a: FileStamp | undefined, b: FileStamp): boolean {
  return !!a && a[0] === b[0] && a[1] === b[1];
}

function isSuppression(value: unknown): value is Suppression {
  const s = value as Partial<Suppression> | null;
  return (
    !!s &&
    Number.isInteger(s.line) &&
    Number.isInteger(s.commentLine) &&
    Array.isArray(s.ids) &&
    s.ids.every((id) => typeof id === 'string') &&
    typeof s.reason === 'string' &&
    (s.malformed === undefined || typeof s.malformed === 'string')
  );
}

const ORIGINS = new Set(['code', 'sdk-default', 'sharing', 'capability']);

function isRawFinding(value: unknown): value is RawFinding {
  const f = value as Record<string, unknown> | null;
  const nullableString = (v: unknown) => v === null || typeof v === 'string';
  return (
    !!f &&
    typeof f.rule === 'string' &&
    nullableString(f.category) &&
    nullableString(f.thirdParty) &&
    typeof f.file === 'string' &&
    ['line', 'column', 'endLine', 'endColumn'].every((k) => Number.isInteger(f[k])) &&
    typeof f.evidence === 'string' &&
    ORIGINS.has(f.origin as string)
  );
}

let fingerprint: string | undefined;

/**
 * The package version plus a hash of the engine's own code, so that a build that changes how
 * files are scanned, without a version bump yet, never reuses results of the old code.
 */
function engineFingerprint(): string {
  if (fingerprint === undefined) {
    const codeRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
    const hash = createHash('sha256').update(TOOL_VERSION);
    const files = fs.readdirSync(codeRoot, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith('.d.ts')).sort();
    // A build rewrites what it changes, so names, sizes and times tell as much as the contents would.
    for (const file of files) {
      const stat = fs.statSync(path.join(codeRoot, file));
      hash.update(`\0${file}\0${stat.size}\0${stat.mtimeMs}`);
    }
    fingerprint = hash.digest('hex');
  }
  return fingerprint;
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

