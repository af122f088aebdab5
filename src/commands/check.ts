import { EXIT_FINDINGS, EXIT_OK } from '../exit-codes.js';
import { getReporter } from '../reporters/index.js';
import { runScan, type ScanOptions } from '../scan.js';
import type { ScanResult } from '../types.js';
import { type CliArgs, type Command, listFlag, stringFlag } from './types.js';

export function scanOptionsFrom(args: CliArgs, cwd: string): ScanOptions {
  const policy = stringFlag(args, 'policy');
  return {
    cwd,
    paths: args.positionals,
    ...(policy ? { policy } : {}),
    requirePolicy: args.flags['require-policy'] === true,
    rules: listFlag(args, 'rules'),
    includeTests: args.flags['include-tests'] === true,
  };
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
  return { output, exitCode: exitCodeFor(run.result, args.flags.strict === true) };
};
