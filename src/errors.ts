/** One problem in a configuration file, located for the user. */
export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  /** Dotted key path inside the file, e.g. `third_parties[1].receives[0]`. */
  keyPath: string;
  message: string;
  hint?: string;
}

/** A policy or rule file that cannot be used; carries every problem found in one pass. */
export class ConfigError extends Error {
  readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Bad arguments or an unusable path: the CLI exits 2 with this message. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function formatProblem(p: ConfigProblem): string {
  const where = `${p.file}:${p.line}:${p.column}`;
  const key = p.keyPath ? ` ${p.keyPath}:` : '';
  const hint = p.hint ? ` (${p.hint})` : '';
  return `${where}${key} ${p.message}${hint}`;
}

/** Errors the CLI reports as usage errors (exit 2) rather than crashes. */
export function isKnownError(error: unknown): error is ConfigError | UsageError {
  return error instanceof ConfigError || error instanceof UsageError;
}
