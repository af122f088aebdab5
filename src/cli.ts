#!/usr/bin/env node
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Command, CliArgs } from './commands/types.js';
import { formatProblem, isKnownError, type ConfigError } from './errors.js';
import { EXIT_USAGE } from './exit-codes.js';
import { COMMANDS, FLAGS } from './options.js';
import { TOOL_VERSION } from './version.js';
import { writeAtomically } from './write-atomically.js';

/** Commands load lazily: `check --staged` must not pay for the report or policy-text code. */
const HANDLERS: Record<string, () => Promise<Command>> = {
  check: async () => (await import('./commands/check.js')).check,
  rules: async () => (await import('./commands/rules.js')).rules,
  explain: async () => (await import('./commands/rules.js')).explain,
  policy: async () => (await import('./commands/policy.js')).policy,
  report: async () => (await import('./commands/report.js')).report,
  init: async () => (await import('./commands/init.js')).init,
  export: async () => (await import('./commands/export.js')).exportCommand,
};

/** The only module that touches the process: argv in, text to stdout/stderr, exit code out. */
export async function main(argv: string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCommandLine(argv);
  } catch (error) {
    process.stderr.write(`privacy-lint: ${(error as Error).message}\nRun \`privacy-lint --help\` for usage.\n`);
    return EXIT_USAGE;
  }
  if (args.flags.version) {
    process.stdout.write(`${TOOL_VERSION}\n`);
    return 0;
  }
  if (args.flags.help) {
    process.stdout.write(helpText());
    return 0;
  }
  const load = HANDLERS[args.command];
  if (!load) {
    process.stderr.write(`privacy-lint: the "${args.command}" command is not available in this build\n`);
    return EXIT_USAGE;
  }
  const color = !args.flags['no-color'] && !process.env.NO_COLOR && (args.flags.color === true || process.stdout.isTTY === true) && !args.flags.output;
  try {
    const command = await load();
    const result = await command(args, { cwd: process.cwd(), color, interactive: process.stderr.isTTY === true && !process.env.CI });
    for (const note of result.notes ?? []) process.stderr.write(`${note}\n`);
    const output = typeof args.flags.output === 'string' ? args.flags.output : undefined;
    // Written through a temporary file, so a reader never sees half a report.
    if (output) writeAtomically(path.resolve(output), result.output);
    else process.stdout.write(result.output);
    return result.exitCode;
  } catch (error) {
    if (!isKnownError(error)) throw error;
    const text = 'problems' in error ? (error as ConfigError).problems.map(formatProblem).join('\n') : error.message;
    process.stderr.write(`privacy-lint: ${text}\n`);
    return EXIT_USAGE;
  }
}

function parseCommandLine(argv: string[]): CliArgs {
  const options: ParseArgsConfig['options'] = {};
  for (const flag of FLAGS) {
    options[flag.name] = { type: flag.type, ...(flag.short ? { short: flag.short } : {}), ...(flag.multiple ? { multiple: true } : {}) };
  }
  const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  const first = positionals[0];
  const isCommand = first !== undefined && first in COMMANDS;
  return {
    command: isCommand ? first : 'check',
    positionals: isCommand ? positionals.slice(1) : positionals,
    flags: values as CliArgs['flags'],
  };
}

function helpText(): string {
  const lines = ['Usage: privacy-lint [command] [options] [PATH...]', '', 'Commands:'];
  for (const [name, c] of Object.entries(COMMANDS)) {
    lines.push(`  ${name.padEnd(9)} ${c.summary}`, `            ${c.usage}`, `            e.g. ${c.example}`);
  }
  lines.push('', 'Options:');
  for (const f of FLAGS) {
    const left = `${f.short ? `-${f.short}, ` : '    '}--${f.name}${f.value ? ` ${f.value}` : ''}`;
    lines.push(`  ${left.padEnd(28)} ${f.description}`);
  }
  lines.push('', 'Exit codes: 0 nothing undisclosed; 1 undisclosed collection (or, with --strict, unused declarations); 2 usage error.', '');
  return lines.join('\n');
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`privacy-lint crashed: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = EXIT_USAGE;
  },
);
