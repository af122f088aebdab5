import path from 'node:path';
import { UsageError } from '../errors.js';
import { EXIT_FINDINGS, EXIT_OK } from '../exit-codes.js';
import { changedSince, stagedFiles } from '../git.js';
import type { Concurrency } from '../engine/parallel.js';
import { getReporter } from '../reporters/index.js';
import { DEFAULT_BASELINE_FILE } from '../policy/baseline.js';
import { runScan, type ScanOptions, type ScanRun } from '../scan.js';
import type { ScanResult } from '../types.js';
import { type CliArgs, type Command, listFlag, stringFlag } from './types.js';

export function scanOptionsFrom(args: CliArgs, cwd: string): ScanOptions {
  const policy = stringFlag(args, 'policy');
  const baseline = stringFlag(args, 'baseline');
  const cacheLocation = stringFlag(args, 'cache-location');
  const files = gitSelection(args, cwd);
  return {
    cwd,
    paths: args.positionals,
    ...(policy ? { policy } : {}),
    requirePolicy: args.flags['require-policy'] === true,
    rules: listFlag(args, 'rules'),
    includeTests: args.flags['include-tests'] === true,
    ...(files ? { files } : {}),
    ...(baseline ? { baseline } : {}),
    updateBaseline: args.flags['update-baseline'] === true,
    cache: args.flags.cache === true,
    ...(cacheLocation ? { cacheLocation } : {}),
    concurrency: concurrencyFrom(stringFlag(args, 'concurrency')),
  };
}

/** `--concurrency N|auto|off`, as ESLint spells it. */
function concurrencyFrom(value: string | undefined): Concurrency {
  if (value === undefined || value === 'auto') return 'auto';
  if (value === 'off') return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--concurrency takes a positive whole number, "auto" or "off", not "${value}"`);
  return n;
}

/** `--staged` scans the index contents, `--since REF` the files changed since the merge base; path arguments narrow either. */
function gitSelection(args: CliArgs, cwd: string): ScanOptions['files'] {
  const since = stringFlag(args, 'since');
  if (args.flags.staged === true && since !== undefined) throw new UsageError('--staged and --since choose files in different ways: use one of them');
  if (args.flags.staged === true) return stagedFiles(cwd);
  return since === undefined ? undefined : changedSince(cwd, since);
}

/** 1 when anything is undisclosed (contradictions included), or with --strict any unused declaration. */
export function exitCodeFor(result: ScanResult, strict: boolean): number {
  if (result.findings.some((f) => f.status === 'undisclosed')) return EXIT_FINDINGS;
  if (strict && result.unused.length > 0) return EXIT_FINDINGS;
  return EXIT_OK;
}

export const check: Command = async (args, env) => {
  const run = await runScan(scanOptionsFrom(args, env.cwd));
  const reporter = await getReporter(stringFlag(args, 'format') ?? 'stylish');
  const output = reporter(run.result, { rules: run.rules, root: run.root, color: env.color });
  return { output, exitCode: exitCodeFor(run.result, args.flags.strict === true), notes: baselineNotes(args, env.cwd, run) };
};

/** Says where --update-baseline wrote, on stderr: the report itself may be JSON or SARIF. */
function baselineNotes(args: CliArgs, cwd: string, run: ScanRun): string[] {
  if (args.flags['update-baseline'] !== true) return [];
  const given = stringFlag(args, 'baseline');
  const file = path.relative(cwd, given ? path.resolve(cwd, given) : path.join(run.root, DEFAULT_BASELINE_FILE));
  const accepted = run.result.summary.baselined;
  return [`privacy-lint: wrote ${file}: ${accepted} finding${accepted === 1 ? '' : 's'} accepted`];
}
