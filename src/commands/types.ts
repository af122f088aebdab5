/** Parsed command line, as every command receives it. */
export interface CliArgs {
  command: string;
  positionals: string[];
  flags: Record<string, string | boolean | string[] | undefined>;
}

export interface CliEnv {
  cwd: string;
  color: boolean;
  /** Progress may be shown on stderr (a terminal, not CI). */
  interactive: boolean;
}

/** What a command hands back to the CLI, which alone writes output and sets the exit code. */
export interface CommandResult {
  output: string;
  exitCode: number;
  /** Notes for stderr (never mixed into machine-readable output). */
  notes?: string[];
}

export type Command = (args: CliArgs, env: CliEnv) => Promise<CommandResult>;

export function stringFlag(args: CliArgs, name: string): string | undefined {
  const v = args.flags[name];
  return typeof v === 'string' ? v : undefined;
}

export function listFlag(args: CliArgs, name: string): string[] {
  const v = args.flags[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}
