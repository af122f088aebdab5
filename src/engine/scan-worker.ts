import path from 'node:path';
import { loadCatalog } from '../config/catalog.js';
import { loadRules } from '../config/rules.js';
import { type RecordedLinks, RecordingProjectIndex } from './cache.js';
import { prefilterFor } from './js/prefilter.js';
import { compileRules } from './rule-index.js';
import type { FileOutput, ScanContext } from './scanner.js';
import { loadScanners } from './scanners.js';
import { sdkDefaultRules } from './sdk-defaults.js';

/** What every worker needs to rebuild the scan context the main thread has. */
export interface WorkerSetup {
  root: string;
  ruleFolders: string[];
  dependencies: string[];
}

export interface WorkerTask {
  setup: WorkerSetup;
  files: { file: string; text: string }[];
}

/** A file's raw findings plus the project files its analysis read, for the cache. */
export interface WorkerResult {
  output: FileOutput;
  links: RecordedLinks;
}

let context: { key: string; ctx: ScanContext; project: RecordingProjectIndex } | undefined;

/**
 * Worker entry: scans a batch of files with the same rules and context as the main thread would.
 * The context is built once per worker and reused for every batch of the same scan.
 */
export default async function scanBatch(task: WorkerTask): Promise<WorkerResult[]> {
  const key = JSON.stringify(task.setup);
  if (context?.key !== key) {
    const { rules } = loadRules(task.setup.ruleFolders);
    const index = compileRules([...rules, ...sdkDefaultRules(loadCatalog().sdks.values())]);
    const dependencies = new Set(task.setup.dependencies);
    const project = new RecordingProjectIndex(task.setup.root, { prefilter: prefilterFor(index), rules: { index, dependencies } });
    context = { key, project, ctx: { root: task.setup.root, index, dependencies, project } };
  }
  const { ctx, project } = context;
  const scannerFor = await loadScanners(task.files.map((f) => f.file));
  return task.files.map(({ file, text }) => {
    const { value: output, links } = project.record(() => scannerFor(file).scan({ file, absolutePath: path.join(ctx.root, file), text }, ctx));
    return { output, links };
  });
}
