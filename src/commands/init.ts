import fs from 'node:fs';
import path from 'node:path';
import { POLICY_FILE_NAME } from '../config/policy.js';
import { UsageError } from '../errors.js';
import { EXIT_OK } from '../exit-codes.js';
import { draftPolicy } from '../reporters/policy-draft.js';
import { runScan } from '../scan.js';
import { type Command, listFlag, stringFlag } from './types.js';

/**
 * `privacy-lint init [PATH]`: scans PATH (default: the current folder) without a policy and writes
 * a draft `policy.yaml` there declaring what it found. An existing policy.yaml is never
 * overwritten; `--output FILE` writes the draft elsewhere (the CLI writes it).
 */
export const init: Command = async (args, env) => {
  if (stringFlag(args, 'from-text') !== undefined) {
    throw new UsageError('init --from-text is not available in this build: drafting from a published policy needs the policy-text reader');
  }
  if (args.positionals.length > 1) throw new UsageError('init takes one folder: the project to draft a policy for');
  const run = await runScan({ cwd: env.cwd, paths: args.positionals, policy: false, rules: listFlag(args, 'rules'), includeTests: args.flags['include-tests'] === true });
  const target = path.join(run.root, POLICY_FILE_NAME);
  const output = stringFlag(args, 'output');
  if (output !== undefined && path.resolve(env.cwd, output) === target && fs.existsSync(target)) throw alreadyThere(target, env.cwd);

  const draft = draftPolicy(run.result, { rules: run.rules, ...appName(run.root) });
  const summary = `${run.result.summary.findings} findings in ${run.result.summary.files} files`;
  if (output !== undefined) return { output: draft, exitCode: EXIT_OK, notes: [`privacy-lint init: drafted a policy from ${summary}; review it before you commit it.`] };

  try {
    // 'wx' fails if the file appeared since the scan started, so a policy is never clobbered.
    fs.writeFileSync(target, draft, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw alreadyThere(target, env.cwd);
    throw error;
  }
  const shown = displayPath(target, env.cwd);
  return {
    output: '',
    exitCode: EXIT_OK,
    notes: [`privacy-lint init: wrote ${shown} from ${summary}. Review each entry against your published privacy policy, then run \`privacy-lint check\`.`],
  };
};

function alreadyThere(target: string, cwd: string): UsageError {
  const shown = displayPath(target, cwd);
  return new UsageError(`${shown} already exists; init never overwrites it (write the draft elsewhere with --output FILE and compare)`);
}

/** Relative to the current folder when below it, absolute otherwise. */
function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** The `name` in the scanned project's package.json, for `app:`. */
function appName(root: string): { app?: string } {
  try {
    const name = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name?: unknown }).name;
    return typeof name === 'string' && name.length > 0 ? { app: name } : {};
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || error instanceof SyntaxError) return {};
    throw error;
  }
}
