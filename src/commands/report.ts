import { UsageError } from '../errors.js';
import { EXIT_OK } from '../exit-codes.js';
import { getReporter } from '../reporters/index.js';
import { runScan } from '../scan.js';
import { scanOptionsFrom } from './check.js';
import { type Command, stringFlag } from './types.js';

const REPORT_FORMATS = ['html', 'markdown'];

/**
 * `privacy-lint report`: a one-off audit report for people (privacy engineers, counsel), not a
 * gate, so it exits 0 whatever it finds; `check` is the gate. The format follows `--format`, else
 * the extension of `--output`, else HTML.
 */
export const report: Command = async (args, env) => {
  const format = stringFlag(args, 'format') ?? formatFromOutput(stringFlag(args, 'output'));
  if (!REPORT_FORMATS.includes(format)) throw new UsageError(`report writes html or markdown, not "${format}" (use \`check --format ${format}\` for other formats)`);
  const run = await runScan(scanOptionsFrom(args, env.cwd));
  const reporter = await getReporter(format);
  const output = reporter(run.result, { rules: run.rules, root: run.root, color: false, ...(run.policy ? { policy: run.policy } : {}) });
  const s = run.result.summary;
  const verdict = run.result.policy === null ? 'no policy (unchecked)' : `${s.undisclosed} undisclosed against ${run.result.policy}`;
  const notes = [`privacy-lint report: ${plural(s.findings, 'finding')} in ${plural(s.files, 'file')}, ${verdict}`];
  return { output, exitCode: EXIT_OK, notes };
};

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function formatFromOutput(output: string | undefined): string {
  return output && /\.(md|markdown)$/i.test(output) ? 'markdown' : 'html';
}
