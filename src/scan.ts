import fs from 'node:fs';
import path from 'node:path';
import { loadCatalog } from './config/catalog.js';
import { findPolicy, loadPolicy } from './config/policy.js';
import { loadRules } from './config/rules.js';
import { UsageError } from './errors.js';
import { discoverFiles, filterIgnored } from './engine/files.js';
import { ProjectIndex } from './engine/js/project-links.js';
import { shippedDependencies } from './engine/manifests/package-json.js';
import { type ReadOutcome, readSourceFile } from './engine/read-file.js';
import { compileRules, type RuleIndex } from './engine/rule-index.js';
import type { ScanContext } from './engine/scanner.js';
import { scannerFor } from './engine/scanners.js';
import { byLocation, sdkDefaultFindings, sdkDefaultRules } from './engine/sdk-defaults.js';
import { applySuppressions, parseSuppressions, type Suppression } from './engine/suppressions.js';
import { evaluate, unusedDeclarations } from './policy/evaluate.js';
import { findingMessage } from './reporters/messages.js';
import type { Finding, Policy, RawFinding, RuleDefinition, ScanResult, ScanWarning } from './types.js';
import { TOOL_VERSION } from './version.js';

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
   * Scan these contents instead of reading the disk (the git index for `--staged`, an editor
   * buffer for the ESLint plugin). Paths are relative to `cwd`; ignores still apply.
   */
  files?: { path: string; text: string }[];
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
  const given = new Map((options.files ?? []).map((f) => [toPosix(path.relative(root, path.resolve(cwd, f.path))), f.text]));
  const files = options.files
    ? filterIgnored([...given.keys()], discover)
    : await discoverFiles({ ...discover, paths: paths.map((p) => path.relative(root, path.resolve(cwd, p)) || '.') });
  const read = (file: string): ReadOutcome => (given.has(file) ? { text: given.get(file)! } : readSourceFile(path.join(root, file)));
  const { findings: raw, warnings, suppressions } = scanFiles(files, root, index, read);
  const allRaw = [...raw, ...sdkDefaultFindings(raw, catalog.sdks)].sort(byLocation);
  const suppressed = new Set<RawFinding>();
  for (const [file, directives] of suppressions) {
    const applied = applySuppressions(file, allRaw.filter((f) => f.file === file), directives);
    warnings.push(...applied.warnings);
    for (const f of applied.suppressed) suppressed.add(f);
  }
  const byId = index.byId;
  const findings = evaluate(allRaw, policy, suppressed, (f, problems) => findingMessage(f, problems, byId));
  const result: ScanResult = {
    version: 1,
    tool: { name: 'privacy-lint', version: TOOL_VERSION },
    policy: policy ? toPosix(path.relative(root, policy.path)) : null,
    findings,
    unused: policy ? unusedDeclarations(allRaw, policy) : [],
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

function scanFiles(
  files: string[],
  root: string,
  index: RuleIndex,
  readFile: (file: string) => ReadOutcome,
): { findings: RawFinding[]; warnings: ScanWarning[]; suppressions: Map<string, Suppression[]> } {
  const findings: RawFinding[] = [];
  const warnings: ScanWarning[] = [];
  const suppressions = new Map<string, Suppression[]>();
  const ctx: ScanContext = { root, index, dependencies: projectDependencies(files, readFile), project: new ProjectIndex(root) };
  for (const file of files) {
    const absolutePath = path.join(root, file);
    const read = readFile(file);
    if (read.warning) warnings.push({ file, message: read.warning });
    if (read.text === undefined) continue;
    const scanner = scannerFor(file)!;
    const out = scanner.scan({ file, absolutePath, text: read.text }, ctx);
    warnings.push(...out.warnings);
    findings.push(...out.findings);
    const directives = parseSuppressions(read.text);
    if (directives.length > 0) suppressions.set(file, directives);
  }
  return { findings, warnings, suppressions };
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

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
