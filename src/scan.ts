import fs from 'node:fs';
import path from 'node:path';
import { loadCatalog } from './config/catalog.js';
import { findPolicy, loadPolicy } from './config/policy.js';
import { loadRules } from './config/rules.js';
import { UsageError } from './errors.js';
import { type DiscoverOptions, discoverFiles, filterIgnored } from './engine/files.js';
import { ProjectIndex } from './engine/js/project-links.js';
import { shippedDependencies } from './engine/manifests/package-json.js';
import { type FileStamp, type ReadOutcome, readSourceFile } from './engine/read-file.js';
import { compileRules } from './engine/rule-index.js';
import { cacheKey, DEFAULT_CACHE_FILE, type FileRecord, type RecordedLinks, RecordingProjectIndex, ScanCache } from './engine/cache.js';
import { prefilterFor } from './engine/js/prefilter.js';
import { type Concurrency, WorkerPool, workerCount } from './engine/parallel.js';
import type { WorkerSetup } from './engine/scan-worker.js';
import type { FileOutput, ScanContext } from './engine/scanner.js';
import { loadScanners } from './engine/scanners.js';
import { byLocation, sdkDefaultFindings, sdkDefaultRules } from './engine/sdk-defaults.js';
import { applySuppressions, contradictionWarnings, parseSuppressions, type Suppression } from './engine/suppressions.js';
import { applyBaseline, baselineEntries, DEFAULT_BASELINE_FILE, readBaseline, writeBaseline } from './policy/baseline.js';
import { evaluate, unusedDeclarations } from './policy/evaluate.js';
import { findingMessage } from './reporters/messages.js';
import type { Finding, Policy, RawFinding, RuleDefinition, ScanResult, ScanWarning } from './types.js';
import { TOOL_VERSION } from './version.js';
import { toPosix } from './posix-path.js';

/** Options of {@link scan}; every field is optional. */
export interface ScanOptions {
  /** Folder that paths, output and the policy search start from. Default: the current folder. */
  cwd?: string;
  /** Files or folders to scan, relative to `cwd`. Default: `cwd`. */
  paths?: string[];
  /** A policy file; `false` scans without one. Default: the nearest `policy.yaml` at or above the scan root. */
  policy?: string | false;
  /** Make a missing policy an error instead of listing findings unchecked. */
  requirePolicy?: boolean;
  /** Extra rule folders, added to the built-in rules and the policy's `scan.rules`. */
  rules?: string[];
  /** Scan test-only code too (`__tests__`, `*.test.*`, mocks, e2e). */
  includeTests?: boolean;
  /**
   * Scan exactly these files instead of discovering them (`--staged`, `--since`, an editor buffer
   * for the ESLint plugin). Paths are relative to `cwd`; ignores, the policy's `scan.include` and
   * `paths` still narrow the set. `text` replaces the file's contents on disk (the git index, an
   * unsaved buffer); `warning` says why a file given without text could not be read.
   */
  files?: SelectedFile[];
  /** Mark undisclosed findings recorded in this baseline file as `baselined`. */
  baseline?: string;
  /** Write the current undisclosed findings (contradictions excepted) to the baseline, then apply it. */
  updateBaseline?: boolean;
  /** Reuse per-file results of unchanged files from a cache file. */
  cache?: boolean;
  /** The cache file, or a folder to put it in. Default: `.privacy-lint-cache` in the scan root. */
  cacheLocation?: string;
  /**
   * Worker threads for parsing: `auto` (the default) uses the cores when a scan has enough files
   * to pay for starting them; 1 scans on the calling thread. Results are identical either way.
   */
  concurrency?: Concurrency;
}

/** One file for {@link ScanOptions.files}. */
export interface SelectedFile {
  path: string;
  text?: string;
  warning?: string;
}

/** The result plus what reporters and the CLI need beside it. */
export interface ScanRun {
  result: ScanResult;
  rules: ReadonlyMap<string, RuleDefinition>;
  policy: Policy | undefined;
  root: string;
}

/**
 * Scans code for personal-data collection and SDKs, and judges each finding against the policy.
 * This is the engine behind the CLI and the ESLint plugin; it never prints or exits.
 *
 * @returns The object that `privacy-lint check --format json` prints: findings sorted
 *   by file, line, column and rule, each with its status and the problems that make it undisclosed.
 * @throws `ConfigError` when the policy or a rule file cannot be used, naming every problem's
 *   `file:line:col`; `UsageError` for a missing path or a required policy that is absent.
 *   The CLI exits 2 for both.
 * @example
 * const result = await scan({ cwd: 'apps/mobile' });
 * const failing = result.findings.filter((f) => f.status === 'undisclosed');
 */
export async function scan(options: ScanOptions = {}): Promise<ScanResult> {
  return (await runScan(options)).result;
}

export async function runScan(options: ScanOptions = {}): Promise<ScanRun> {
  const cwd = path.resolve(options.cwd ?? '.');
  const paths = options.paths ?? [];
  const root = scanRoot(cwd, paths);
  const policyPath = options.policy === false ? undefined : options.policy ? path.resolve(cwd, options.policy) : findPolicy(root);
  if (!policyPath && options.requirePolicy) throw new UsageError(`no policy.yaml found at or above ${root} (use --policy FILE, or run \`privacy-lint init\`)`);
  const policy = policyPath ? loadPolicy(policyPath) : undefined;
  const ruleFolders = [...(policy?.scan.rules ?? []).map((r) => path.resolve(path.dirname(policy!.path), r)), ...(options.rules ?? []).map((r) => path.resolve(cwd, r))];
  const catalog = loadCatalog();
  const { rules } = loadRules(ruleFolders);
  const allRules = [...rules, ...sdkDefaultRules(catalog.sdks.values())];
  const index = compileRules(allRules);

  const discover = {
    root,
    include: policy?.scan.include ?? [],
    exclude: policy?.scan.exclude ?? [],
    includeTests: options.includeTests ?? false,
  };
  const scope = paths.map((p) => path.relative(root, path.resolve(cwd, p)) || '.');
  const given = options.files ? selectedFiles(options.files, cwd, root, scope) : undefined;
  const files = given ? filterIgnored([...given.keys()], discover) : await discoverFiles({ ...discover, paths: scope });
  const read = (file: string): ReadOutcome => given?.get(file) ?? readSourceFile(path.join(root, file));
  const dependencies = projectDependencies(given ? await projectManifests(discover) : files, read);
  const givenTexts = new Map([...(given ?? [])].flatMap(([file, read]) => (read?.text === undefined ? [] : [[path.join(root, file), read.text] as const])));
  const projectOptions = { contents: givenTexts, prefilter: prefilterFor(index), rules: { index, dependencies } };
  const cache = options.cache || options.cacheLocation
    ? openCache(new RecordingProjectIndex(root, projectOptions), cwd, options.cacheLocation, cacheKey({ root, rules: allRules, dependencies }))
    : undefined;
  const ctx: ScanContext = { root, index, dependencies, project: cache?.project ?? new ProjectIndex(root, projectOptions) };
  const setup: WorkerSetup = { root, ruleFolders, dependencies: [...dependencies].sort() };
  // Workers read the disk; given contents (the git index, an editor buffer) stay on this thread.
  const concurrency = givenTexts.size > 0 ? 1 : (options.concurrency ?? 'auto');
  const fromDisk = (file: string) => given?.get(file) === undefined;
  const { findings: raw, warnings, suppressions } = await scanFiles(files, ctx, read, fromDisk, cache, setup, concurrency);
  if (cache) warnings.push(...cache.save());

  const allRaw = [...raw, ...sdkDefaultFindings(raw, catalog.sdks)].sort(byLocation);
  const suppressed = suppress(allRaw, suppressions, warnings);
  const byId = index.byId;
  const evaluated = evaluate(allRaw, policy, suppressed, (f, problems) => findingMessage(f, problems, byId));
  warnings.push(...contradictionWarnings(allRaw, evaluated, suppressed));
  const baselineFile = options.baseline ? path.resolve(cwd, options.baseline) : options.updateBaseline ? path.join(root, DEFAULT_BASELINE_FILE) : undefined;
  const scanned = new Set(files);
  // A full scan also speaks for files that are gone; a selection only for the files it holds.
  const covered = (file: string) => scanned.has(file) || (!given && !fs.existsSync(path.join(root, file)));
  const findings = baselineFile ? withBaseline(evaluated, baselineFile, options.updateBaseline === true, covered, root, warnings) : evaluated;
  const result: ScanResult = {
    version: 1,
    tool: { name: 'privacy-lint', version: TOOL_VERSION },
    policy: policy ? toPosix(path.relative(root, policy.path)) : null,
    findings,
    // A declaration is unused only if the whole project lacks it, which a partial scan cannot tell.
    unused: policy && !given ? unusedDeclarations(allRaw, policy) : [],
    warnings: warnings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
    summary: summarize(files.length, findings),
  };
  return { result, rules: byId, policy, root };
}

/** The folder paths are reported against: a single folder argument, or the current folder. */
function scanRoot(cwd: string, paths: string[]): string {
  if (paths.length === 1) {
    const target = path.resolve(cwd, paths[0]!);
    if (fs.existsSync(target) && fs.statSync(target).isDirectory()) return target;
  }
  return cwd;
}

async function scanFiles(
  files: string[],
  ctx: ScanContext,
  readFile: (file: string) => ReadOutcome,
  fromDisk: (file: string) => boolean,
  cache: ScanCache | undefined,
  setup: WorkerSetup,
  concurrency: Concurrency,
): Promise<{ findings: RawFinding[]; warnings: ScanWarning[]; suppressions: Map<string, Suppression[]> }> {
  const records = new Map<string, FileRecord>();
  const misses: Miss[] = [];
  for (const file of files) {
    // An unchanged file on disk is served without being read.
    const stamped = fromDisk(file) ? cache?.lookupStamp(file) : undefined;
    if (stamped) {
      records.set(file, stamped);
      continue;
    }
    const read = readFile(file);
    if (read.text === undefined) {
      if (read.warning) records.set(file, { output: { findings: [], warnings: [] }, suppressions: [], readWarning: read.warning });
      continue;
    }
    const cached = cache?.lookup(file, read.text, read.stamp);
    if (cached) records.set(file, cached);
    else misses.push({ file, text: read.text, stamp: read.stamp, readWarning: read.warning });
  }
  const scannerFor = await loadScanners(misses.map((m) => m.file));
  const workers = workerCount(concurrency, misses);
  // A file that others import is then read once: their link checks see the text read here.
  ctx.project.know(
    misses.filter((m) => fromDisk(m.file)).map((m) => [path.join(ctx.root, m.file), m.text]),
    workers === 0,
  );
  const recordOf = (miss: Miss, output: FileOutput): FileRecord => ({
    output,
    suppressions: parseSuppressions(miss.text),
    ...(miss.readWarning ? { readWarning: miss.readWarning } : {}),
  });
  const settle = (miss: Miss, output: FileOutput, links: RecordedLinks) => {
    const record = recordOf(miss, output);
    cache?.remember(miss.file, miss.text, miss.stamp, record, links);
    records.set(miss.file, record);
  };
  // With the cache on, what each file's result read of other files is recorded for the next run.
  const recorded = <T>(fn: () => T): { value: T; links: RecordedLinks } => (cache ? cache.project.record(fn) : { value: fn(), links: NO_LINKS });
  const input = (miss: Miss) => ({ file: miss.file, absolutePath: path.join(ctx.root, miss.file), text: miss.text });
  if (workers === 0) {
    for (const miss of misses) {
      const { value, links } = recorded(() => scannerFor(miss.file).scan(input(miss), ctx));
      settle(miss, value, links);
    }
  } else {
    // This thread keeps prefiltering while the workers parse what it lets through, batch by batch.
    const pool = new WorkerPool(setup, workers);
    const pending: Promise<void>[] = [];
    let batch: Miss[] = [];
    let bytes = 0;
    const send = () => {
      const sent = batch;
      pending.push(pool.run(sent.map(({ file, text }) => ({ file, text }))).then((results) => sent.forEach((miss, i) => settle(miss, results[i]!.output, results[i]!.links))));
      batch = [];
      bytes = 0;
    };
    try {
      for (const miss of misses) {
        const scanner = scannerFor(miss.file);
        const { value: needed, links } = recorded(() => scanner.needsWork?.(input(miss), ctx) ?? true);
        if (!needed) settle(miss, { findings: [], warnings: [] }, links);
        else {
          batch.push(miss);
          bytes += miss.text.length;
          if (bytes >= BATCH_BYTES) send();
        }
      }
      if (batch.length > 0) send();
      await Promise.all(pending);
    } finally {
      await pool.close();
    }
  }
  // Collected in path order whatever thread produced them, so output never depends on the worker count.
  const findings: RawFinding[] = [];
  const warnings: ScanWarning[] = [];
  const suppressions = new Map<string, Suppression[]>();
  for (const file of files) {
    const record = records.get(file);
    if (!record) continue;
    if (record.readWarning) warnings.push({ file, message: record.readWarning });
    if (record.suppressions.length > 0) suppressions.set(file, record.suppressions);
    warnings.push(...record.output.warnings);
    findings.push(...record.output.findings);
  }
  return { findings, warnings, suppressions };
}

/** Source text per batch for a worker: enough that messaging is cheap, little enough to keep both threads busy. */
const BATCH_BYTES = 128 * 1024;
const NO_LINKS: RecordedLinks = { resolved: [], read: [], inputs: [] };

/** A file the cache could not serve: read, and to be scanned. */
interface Miss {
  file: string;
  text: string;
  stamp: FileStamp | undefined;
  readWarning: string | undefined;
}

/**
 * Files given to the scan, keyed by root-relative path and limited to the root and the path
 * arguments; the value is their given contents, or undefined to read them from disk when scanned.
 */
function selectedFiles(selected: SelectedFile[], cwd: string, root: string, scope: string[]): Map<string, ReadOutcome | undefined> {
  const inScope = (file: string) => scope.length === 0 || scope.some((p) => p === '.' || file === p || file.startsWith(`${p}/`));
  const out = new Map<string, ReadOutcome | undefined>();
  for (const f of selected) {
    const file = toPosix(path.relative(root, path.resolve(cwd, f.path)));
    if (file.startsWith('../') || path.isAbsolute(file) || !inScope(file)) continue;
    out.set(file, f.text === undefined && f.warning === undefined ? undefined : { text: f.text, warning: f.warning });
  }
  return out;
}

function suppress(raw: RawFinding[], suppressions: Map<string, Suppression[]>, warnings: ScanWarning[]): Set<RawFinding> {
  const suppressed = new Set<RawFinding>();
  for (const [file, directives] of suppressions) {
    const applied = applySuppressions(file, raw.filter((f) => f.file === file), directives);
    warnings.push(...applied.warnings);
    for (const f of applied.suppressed) suppressed.add(f);
  }
  return suppressed;
}

/** Applies the baseline file, first rewriting it from these findings with `update`. */
function withBaseline(findings: Finding[], file: string, update: boolean, covered: (file: string) => boolean, root: string, warnings: ScanWarning[]): Finding[] {
  let entries = readBaseline(file, update);
  if (update) {
    entries = baselineEntries(findings, entries, covered);
    writeBaseline(file, entries);
  }
  const applied = applyBaseline(findings, entries, covered, toPosix(path.relative(root, file)));
  warnings.push(...applied.warnings);
  return applied.findings;
}

/** `--cache-location` may name the file or a folder to keep it in, as ESLint's does. */
function openCache(project: RecordingProjectIndex, cwd: string, location: string | undefined, key: string): ScanCache {
  const resolved = location ? path.resolve(cwd, location) : project.root;
  const isFolder = !location || /[\\/]$/.test(location) || (fs.existsSync(resolved) && fs.statSync(resolved).isDirectory());
  return new ScanCache(isFolder ? path.join(resolved, DEFAULT_CACHE_FILE) : resolved, key, project);
}

/**
 * Every package.json of the project, for a scan of selected files: the dependency set must be the
 * one a full scan sees, or a `--staged` run would judge `requires:`-gated rules differently.
 */
async function projectManifests(discover: Omit<DiscoverOptions, 'paths'>): Promise<string[]> {
  if (!fs.existsSync(discover.root)) return []; // an editor buffer or a test may name a folder that is not on disk
  return filterIgnored(await discoverFiles({ ...discover, include: ['**/package.json'], paths: [] }), discover);
}

/** Dependencies declared anywhere in the scanned tree, for rules gated on a plugin being installed. */
function projectDependencies(files: string[], readFile: (file: string) => ReadOutcome): Set<string> {
  const deps = new Set<string>();
  for (const file of files) {
    if (!(file === 'package.json' || file.endsWith('/package.json'))) continue;
    const read = readFile(file);
    for (const dep of read.text ? shippedDependencies(read.text) : []) deps.add(dep);
  }
  return deps;
}

function summarize(files: number, findings: Finding[]): ScanResult['summary'] {
  const count = (status: Finding['status']) => findings.filter((f) => f.status === status).length;
  return { files, findings: findings.length, undisclosed: count('undisclosed'), suppressed: count('suppressed'), baselined: count('baselined') };
}

