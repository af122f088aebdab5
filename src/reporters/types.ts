import type { RuleDefinition, ScanResult } from '../types.js';

export interface ReportContext {
  rules: ReadonlyMap<string, RuleDefinition>;
  /** Absolute scan root, for reading code frames. */
  root: string;
  color: boolean;
}

/** A reporter turns a result into text; it never writes anywhere itself. */
export type Reporter = (result: ScanResult, ctx: ReportContext) => string;
