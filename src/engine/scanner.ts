import type { RawFinding, ScanWarning } from '../types.js';
import type { ProjectIndex } from './js/project-links.js';
import type { RuleIndex } from './rule-index.js';

/** What every file scanner is given about the whole scan. */
export interface ScanContext {
  root: string;
  index: RuleIndex;
  /** Dependencies declared by the project's package.json files. */
  dependencies: ReadonlySet<string>;
  project: ProjectIndex;
}

export interface FileInput {
  /** Relative to the scan root, `/` separators. */
  file: string;
  absolutePath: string;
  text: string;
}

export interface FileOutput {
  findings: RawFinding[];
  warnings: ScanWarning[];
}

/** Reads one kind of file (JavaScript, AndroidManifest.xml, Podfile...); scanners.ts says which paths each owns. */
export interface Scanner {
  scan(input: FileInput, ctx: ScanContext): FileOutput;
  /**
   * False when `scan` would find nothing without real work (the JS prefilter says no): the calling
   * thread settles such files itself and sends only the rest to the workers.
   */
  needsWork?(input: FileInput, ctx: ScanContext): boolean;
}
