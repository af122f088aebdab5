import path from 'node:path';
import { findPolicy, loadPolicy, POLICY_FILE_NAME } from '../config/policy.js';
import { UsageError } from '../errors.js';
import { EXIT_FINDINGS, EXIT_OK } from '../exit-codes.js';
import {
  diffPolicyText,
  extractDisclosures,
  formatDiff,
  formatExtraction,
  readPolicyText,
  summarizeDisclosures,
} from '../policy-text/index.js';
import { type CliArgs, type Command, type CommandResult, stringFlag } from './types.js';
import { toPosix } from '../posix-path.js';

const USAGE = 'usage: `privacy-lint policy extract FILE [--format json]` or `privacy-lint policy diff [--policy FILE] [--format json]`';

/** Paths in output are relative to where the user ran the command, with `/` separators. */
function display(cwd: string, file: string): string {
  return toPosix(path.relative(cwd, file)) || '.';
}

function wantsJson(args: CliArgs): boolean {
  const format = stringFlag(args, 'format');
  if (format === undefined || format === 'text' || format === 'stylish') return false;
  if (format === 'json') return true;
  throw new UsageError(`policy ${args.positionals[0]} prints text or json, not "${format}"`);
}

function json(data: unknown): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

function extract(args: CliArgs, cwd: string): CommandResult {
  const file = args.positionals[1];
  if (!file || args.positionals.length > 2) throw new UsageError(`policy extract needs one FILE; ${USAGE}`);
  const asJson = wantsJson(args);
  const absolute = path.resolve(cwd, file);
  const extraction = extractDisclosures(readPolicyText(absolute), display(cwd, absolute));
  const output = asJson ? json(extraction) : formatExtraction(extraction, summarizeDisclosures(extraction.disclosures));
  return { output, exitCode: EXIT_OK };
}

function diff(args: CliArgs, cwd: string): CommandResult {
  if (args.positionals.length > 1) throw new UsageError(`policy diff takes no paths; ${USAGE}`);
  const asJson = wantsJson(args);
  const flag = stringFlag(args, 'policy');
  const policyFile = flag ? path.resolve(cwd, flag) : findPolicy(cwd);
  if (!policyFile) throw new UsageError(`no ${POLICY_FILE_NAME} found in ${cwd} or above; pass --policy FILE`);
  const policy = loadPolicy(policyFile);
  const policyName = display(cwd, policyFile);
  if (!policy.privacyPolicy) {
    throw new UsageError(
      `${policyName} has no privacy_policy key: add \`privacy_policy: docs/privacy.md\` (the published policy text, relative to ${POLICY_FILE_NAME}) to compare them`,
    );
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(policy.privacyPolicy)) {
    throw new UsageError(`${policyName}: privacy_policy is a URL (${policy.privacyPolicy}); save the page and point privacy_policy at the local copy`);
  }
  const textFile = path.resolve(path.dirname(policyFile), policy.privacyPolicy);
  const textName = display(cwd, textFile);
  const extraction = extractDisclosures(readPolicyText(textFile), textName);
  const differences = diffPolicyText(policy, summarizeDisclosures(extraction.disclosures));
  const output = asJson ? json({ version: 1, policy: policyName, text: textName, differences }) : formatDiff(policyName, textName, differences);
  return { output, exitCode: differences.length > 0 ? EXIT_FINDINGS : EXIT_OK };
}

/** `privacy-lint policy extract FILE` and `privacy-lint policy diff` (contract §4). */
export const policy: Command = async (args, env) => {
  const sub = args.positionals[0];
  if (sub === 'extract') return extract(args, env.cwd);
  if (sub === 'diff') return diff(args, env.cwd);
  throw new UsageError(sub ? `unknown policy command "${sub}"; ${USAGE}` : USAGE);
};
