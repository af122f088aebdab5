import fs from 'node:fs';
import path from 'node:path';
import { POLICY_FILE_NAME } from '../config/policy.js';
import { UsageError } from '../errors.js';
import { EXIT_OK } from '../exit-codes.js';
import { draftPolicyFromText, readPolicyText } from '../policy-text/index.js';
import { draftPolicy } from '../reporters/policy-draft.js';
import { runScan } from '../scan.js';
import { type CliArgs, type Command, listFlag, stringFlag } from './types.js';
import { toPosix } from '../posix-path.js';

/**
 * `privacy-lint init [PATH]`: writes a draft `policy.yaml` into PATH (default: the current
 * folder), declaring what a scan of PATH finds or, with `--from-text FILE`, what a published
 * privacy policy discloses. An existing policy.yaml is never overwritten; `--output FILE` writes
 * the draft elsewhere (the CLI writes it).
 */
export const init: Command = async (args, env) => {
  if (args.positionals.length > 1) throw new UsageError('init takes one folder: the project to draft a policy for');
  const root = path.resolve(env.cwd, args.positionals[0] ?? '.');
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new UsageError(`init drafts a policy for a folder, and ${args.positionals[0]} is not one`);
  const target = path.join(root, POLICY_FILE_NAME);
  const output = stringFlag(args, 'output');
  const destination = output === undefined ? target : path.resolve(env.cwd, output);
  if (destination === target && fs.existsSync(target)) throw alreadyThere(target, env.cwd);

  const { draft, from } = await draftFor(args, env.cwd, root, path.dirname(destination));
  if (output !== undefined) return { output: draft, exitCode: EXIT_OK, notes: [`privacy-lint init: drafted a policy from ${from}; review it before you commit it.`] };

  try {
    // 'wx' fails if a policy appeared meanwhile, so one is never clobbered.
    fs.writeFileSync(target, draft, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw alreadyThere(target, env.cwd);
    throw error;
  }
  return {
    output: '',
    exitCode: EXIT_OK,
    notes: [`privacy-lint init: wrote ${displayPath(target, env.cwd)} from ${from}. Review each entry against your published privacy policy, then run \`privacy-lint check\`.`],
  };
};

/** The draft, and what it was drafted from, for the note. */
async function draftFor(args: CliArgs, cwd: string, root: string, policyFolder: string): Promise<{ draft: string; from: string }> {
  const fromText = stringFlag(args, 'from-text');
  if (fromText !== undefined) {
    const file = path.resolve(cwd, fromText);
    // policy.yaml names its published text relative to itself, for `privacy-lint policy diff`.
    const source = toPosix(path.relative(policyFolder, file));
    return { draft: draftPolicyFromText(readPolicyText(file), source), from: displayPath(file, cwd) };
  }
  const run = await runScan({ cwd, paths: [root], policy: false, rules: listFlag(args, 'rules'), includeTests: args.flags['include-tests'] === true });
  const { findings, files } = run.result.summary;
  return { draft: draftPolicy(run.result, { rules: run.rules, ...appName(root) }), from: `${findings} findings in ${files} files` };
}

function alreadyThere(target: string, cwd: string): UsageError {
  return new UsageError(`${displayPath(target, cwd)} already exists; init never overwrites it (write the draft elsewhere with --output FILE and compare)`);
}

/** Relative to the current folder when below it, absolute otherwise. */
function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
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
