import type { Policy, RuleDefinition, ScanResult } from '../types.js';

export interface ReportContext {
  rules: ReadonlyMap<string, RuleDefinition>;
  /** Absolute scan root, for reading code frames. */
  root: string;
  color: boolean;
  /** The loaded policy, when the caller has it: declaration lines and purposes come from it. */
  policy?: Policy;
}

/** A reporter turns a result into text; it never writes anywhere itself. */
export type Reporter = (result: ScanResult, ctx: ReportContext) => string;
