/**
 * privacy-lint's programmatic API: the same engine the CLI and the ESLint plugin use.
 * {@link scan} returns the object that `privacy-lint check --format json` prints; the ESLint
 * plugin is the separate entry point `privacy-lint/eslint-plugin`.
 *
 * @example
 * import { scan } from 'privacy-lint';
 *
 * const result = await scan({ cwd: 'apps/mobile' });
 * if (result.summary.undisclosed > 0) process.exitCode = 1;
 * @packageDocumentation
 */
export { scan, type ScanOptions, type SelectedFile } from './scan.js';
export type { Concurrency } from './engine/parallel.js';
export { loadPolicy, findPolicy } from './config/policy.js';
export { loadRules } from './config/rules.js';
export { getReporter, FORMATS } from './reporters/index.js';
export { ConfigError, UsageError, type ConfigProblem } from './errors.js';
export { EXIT_OK, EXIT_FINDINGS, EXIT_USAGE } from './exit-codes.js';
export type {
  CategoryId,
  Finding,
  FindingStatus,
  Policy,
  Problem,
  RuleDefinition,
  ScanResult,
  ScanSummary,
  ScanWarning,
  SdkId,
  UnusedDeclaration,
} from './types.js';
