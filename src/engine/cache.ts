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
const CACHE_FORMAT = 4;

/** `[importing file, specifier, resolved file or null]`, paths relative to the scan root. */
type Link = [from: string, specifier: string, target: string | null];
/** `[file, content hash or null when unreadable, stamp when read from disk]`. */
type Read = [file: string, hash: string | null, stamp: FileStamp | null];
/** `[folder listed or config file read, its ctime before the read, or null when absent]`. */
type Input = [path: string, ctimeMs: number | null];

/**
 * What a file's analysis read of other project files, as absolute paths: resolved imports, the
 * files read for their exports, and the folders and configs resolution read from disk first here.
 */
export interface RecordedLinks {
  resolved: Link[];
  read: string[];
  inputs: Input[];
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
  /** Rows of the file's `links` table: the imports its result depends on resolving the same way. */
  links: number[];
  /** Rows of the file's `reads` table: the files whose exports its result followed. */
  reads: number[];
}

/**
 * Links and reads are shared by many entries (every importer of a file that re-exports records
 * that file's links too), so each is stored and checked once, in a table the entries point into.
 */
interface CacheFile {
  format: typeof CACHE_FORMAT;
  key: string;
  /**
   * Everything import resolution read from disk. While none of it changed (a folder's ctime moves
   * when an entry is added, removed or renamed in it), every link still resolves the same way.
   */
  inputs: Input[];
  links: Link[];
  reads: Read[];
  files: Record<string, Entry>;
}

/** An entry of this run, with its links spelled out: the tables are rebuilt when the file is saved. */
interface NextEntry extends FileRecord {
  hash: string;
  stamp: FileStamp | null;
  links: Link[];
  reads: Read[];
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
  private readonly previous: CacheFile;
  private readonly next = new Map<string, NextEntry>();
  /** Whether each row of the previous tables still holds, checked once per run. */
  private readonly linkHolds: (boolean | undefined)[] = [];
  private readonly readHolds: (boolean | undefined)[] = [];
  private inputsHold: boolean | undefined;
  /** Resolution inputs the workers read, merged with this thread's at save. */
  private readonly workerInputs = new Map<string, number | null>();
  private readonly hashes = new Map<string, string | null>();
  private readonly stamps = new Map<string, FileStamp | null>();
  private readonly relativePaths = new Map<string, string>();
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
    const cached = this.previous.files[file];
    if (!cached?.stamp) return undefined;
    return sameStamp(this.stampOf(this.absolute(file)), cached.stamp) ? this.reuse(file, cached, cached.stamp) : undefined;
  }

  /** A still-valid entry for this text (a touched but unchanged file, the git index); undefined on a miss. */
  lookup(file: string, text: string, stamp: FileStamp | undefined): FileRecord | undefined {
    const cached = this.previous.files[file];
    return cached && cached.hash === sha256(text) ? this.reuse(file, cached, stamp ?? null) : undefined;
  }

  /** Stores a record just computed, here or on a worker thread, with the absolute links it recorded. */
  remember(file: string, text: string, stamp: FileStamp | undefined, record: FileRecord, links: RecordedLinks): void {
    this.changed = true;
    for (const [input, ctime] of links.inputs) this.workerInputs.set(input, ctime);
    this.next.set(file, {
      ...record,
      hash: sha256(text),
      stamp: stamp ?? null,
      links: links.resolved.map(([from, specifier, target]) => [this.relative(from), specifier, target === null ? null : this.relative(target)]),
      reads: links.read.map((f) => [this.relative(f), this.fileHash(f), this.project.hasGivenText(f) ? null : (this.stampOf(f) ?? null)]),
    });
  }

  private reuse(file: string, cached: Entry, stamp: FileStamp | null): FileRecord | undefined {
    if (!this.linksHold(cached)) return undefined;
    if (stamp !== cached.stamp) this.changed = true;
    this.next.set(file, { ...this.spelledOut(cached), stamp });
    return cached;
  }

  /** An earlier entry with its rows of the earlier tables spelled out, as this run's entries are. */
  private spelledOut(entry: Entry): NextEntry {
    return { ...entry, links: entry.links.map((i) => this.previous.links[i]!), reads: entry.reads.map((i) => this.previous.reads[i]!) };
  }

  /**
   * Writes this run's entries plus earlier ones for files this run did not scan (a `--staged` run
   * keeps the full run's entries). A cache that cannot be written is a warning, never a failure.
   */
  save(): ScanWarning[] {
    const kept = Object.entries(this.previous.files).filter(([file]) => !this.next.has(file) && fs.existsSync(this.absolute(file)));
    // Nothing added, restamped or dropped: the file on disk already says all this.
    if (!this.changed && kept.length + this.next.size === Object.keys(this.previous.files).length) return [];
    const inputs = new Map<string, number | null>();
    const inputsHeld = this.resolutionInputsHold();
    // While the earlier inputs hold they still vouch for the earlier links; once they fail, only
    // this run's re-resolutions do, so a kept entry that resolved imports must go.
    if (inputsHeld) for (const [p, ctime] of this.previous.inputs) inputs.set(p, ctime);
    for (const source of [this.project.inputs, this.workerInputs]) for (const [p, ctime] of source) inputs.set(this.relative(p), ctime);
    const entries = new Map<string, NextEntry>(this.next);
    for (const [file, entry] of kept) {
      if (inputsHeld || entry.links.length === 0) entries.set(file, this.spelledOut(entry));
    }
    const content: CacheFile = { format: CACHE_FORMAT, key: this.key, inputs: [...inputs].sort(byFirst), links: [], reads: [], files: {} };
    const linkRows = new Table(content.links, ([from, specifier, target]) => `${from}\0${specifier}\0${target ?? '\0'}`);
    const readRows = new Table(content.reads, ([file, hash, stamp]) => `${file}\0${hash}\0${stamp?.join()}`);
    for (const [file, entry] of [...entries].sort(byFirst)) {
      content.files[file] = { ...entry, links: entry.links.map((l) => linkRows.row(l)), reads: entry.reads.map((r) => readRows.row(r)) };
    }
    try {
      writeAtomically(this.location, JSON.stringify(content));
      return [];
    } catch (error) {
      return [{ file: toPosix(path.relative(this.root, this.location)), message: `could not write the cache: ${(error as Error).message}` }];
    }
  }

  private linksHold(entry: Entry): boolean {
    // Resolution reads only folder listings and configs: while those are unchanged, so are the links.
    if (!this.resolutionInputsHold()) {
      for (const i of entry.links) {
        if (this.linkHolds[i] === undefined) {
          const [from, specifier, target] = this.previous.links[i]!;
          this.linkHolds[i] = (this.project.resolveFile(this.absolute(from), specifier) ?? null) === (target === null ? null : this.absolute(target));
        }
        if (!this.linkHolds[i]) return false;
      }
    }
    return entry.reads.every((i) => {
      if (this.readHolds[i] === undefined) {
        const [file, hash, stamp] = this.previous.reads[i]!;
        const at = this.absolute(file);
        this.readHolds[i] = (stamp !== null && !this.project.hasGivenText(at) && sameStamp(this.stampOf(at), stamp)) || this.fileHash(at) === hash;
      }
      return this.readHolds[i];
    });
  }

  private resolutionInputsHold(): boolean {
    this.inputsHold ??= this.previous.inputs.every(([p, ctime]) => ctimeOf(this.absolute(p)) === ctime);
    return this.inputsHold;
  }

  /** The stored form of an absolute path: relative to the root, with `/`. Links repeat a few thousand paths tens of thousands of times. */
  private relative(p: string): string {
    let rel = this.relativePaths.get(p);
    if (rel === undefined) this.relativePaths.set(p, (rel = toPosix(path.relative(this.root, p))));
    return rel;
  }

  /** Stored paths are normalised and relative; only one that leaves the root needs resolving. */
  private absolute(p: string): string {
    return path.sep === '/' && !p.startsWith('..') ? `${this.root}/${p}` : path.resolve(this.root, p);
  }

  private stampOf(file: string): FileStamp | undefined {
    if (!this.stamps.has(file)) this.stamps.set(file, stampOf(file) ?? null);
    return this.stamps.get(file) ?? undefined;
  }

  /** The hash of a linked file as this scan sees it (staged contents included), null if unreadable. */
  private fileHash(file: string): string | null {
    if (!this.hashes.has(file)) {
      const text = this.project.textOf(file);
      this.hashes.set(file, text === undefined ? null : sha256(text));
    }
    return this.hashes.get(file)!;
  }
}

/** Rows of a table, each stored once: rows with the same key are the same row. */
class Table<T> {
  private readonly rows = new Map<string, number>();
  constructor(
    private readonly target: T[],
    private readonly keyOf: (row: T) => string,
  ) {}

  row(value: T): number {
    const key = this.keyOf(value);
    let index = this.rows.get(key);
    if (index === undefined) {
      this.rows.set(key, (index = this.target.length));
      this.target.push(value);
    }
    return index;
  }
}

const byFirst = <T extends [string, ...unknown[]]>(a: T, b: T) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** A folder's or file's ctime, which moves on every change to it (and to a folder's entries); null when absent. */
function ctimeOf(p: string): number | null {
  return fs.statSync(p, { throwIfNoEntry: false })?.ctimeMs ?? null;
}

interface Observed {
  resolved: Map<string, Link>;
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
  /** What resolution read from disk on this thread, each with its ctime from just before the read. */
  readonly inputs = new Map<string, number | null>();
  /** Inputs not yet handed out by record(): a worker sends each to the calling thread once. */
  private unsent: Input[] = [];

  protected override listFolder(dir: string): Set<string> | null {
    this.noteInput(dir);
    return super.listFolder(dir);
  }

  protected override readConfig(file: string): string {
    this.noteInput(file);
    return super.readConfig(file);
  }

  private noteInput(p: string): void {
    const ctime = ctimeOf(p);
    this.inputs.set(p, ctime);
    this.unsent.push([p, ctime]);
  }

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
    const inputs = this.unsent;
    this.unsent = [];
    return { value, links: { resolved: [...resolved.values()], read: [...read].sort(), inputs } };
  }
}

/** The cache file's content, or an empty cache when it is missing, corrupt, foreign or of another key. */
function readCacheFile(location: string, key: string): CacheFile {
  const empty: CacheFile = { format: CACHE_FORMAT, key, inputs: [], links: [], reads: [], files: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(location, 'utf8'));
  } catch {
    return empty;
  }
  const cache = parsed as Partial<CacheFile> | null;
  if (!cache || typeof cache !== 'object' || cache.format !== CACHE_FORMAT || cache.key !== key) return empty;
  const { inputs, links, reads, files } = cache;
  if (!isTable(inputs, isInput) || !isTable(links, isLink) || !isTable(reads, isRead) || !files || typeof files !== 'object') return empty;
  const valid = Object.entries(files).filter(([, entry]) => isEntry(entry, links.length, reads.length));
  return { format: CACHE_FORMAT, key, inputs, links, reads, files: Object.fromEntries(valid) };
}

function isTable<T>(rows: unknown, isRow: (row: unknown[]) => boolean): rows is T[] {
  return Array.isArray(rows) && rows.every((row) => Array.isArray(row) && isRow(row));
}

const isNullable = (v: unknown, type: 'string' | 'number') => v === null || typeof v === type;
const isInput = (r: unknown[]) => r.length === 2 && typeof r[0] === 'string' && isNullable(r[1], 'number');
const isLink = (r: unknown[]) => r.length === 3 && typeof r[0] === 'string' && typeof r[1] === 'string' && isNullable(r[2], 'string');
const isRead = (r: unknown[]) => r.length === 3 && typeof r[0] === 'string' && isNullable(r[1], 'string') && (r[2] === null || isStamp(r[2]));

function isEntry(value: unknown, links: number, reads: number): value is Entry {
  const e = value as Partial<Entry> | null;
  const rows = (v: unknown, count: number) => Array.isArray(v) && v.every((i) => Number.isInteger(i) && i >= 0 && i < count);
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
    rows(e.links, links) &&
    rows(e.reads, reads)
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
  return (
    !!f &&
    typeof f.rule === 'string' &&
    isNullable(f.category, 'string') &&
    isNullable(f.thirdParty, 'string') &&
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

