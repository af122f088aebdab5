/**
 * privacy-lint's programmatic API: the same engine the CLI and the ESLint plugin use.
 * @packageDocumentation
 */
export { scan, type ScanOptions } from './scan.js';
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
