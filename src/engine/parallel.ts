import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { WorkerResult, WorkerSetup, WorkerTask } from './scan-worker.js';

/** Below this many files to parse, starting workers (each loads TypeScript and the rules) costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 150;
const BATCH_SIZE = 24;
const WORKER_FILE = new URL('./scan-worker.js', import.meta.url);

/** `auto` uses every core when there is enough to parse; a number forces that many workers (1 = none). */
export type Concurrency = number | 'auto';

export function workerCount(concurrency: Concurrency, filesToParse: number): number {
  // Under the test runner the engine runs from TypeScript sources, where no compiled worker exists.
  if (!fs.existsSync(fileURLToPath(WORKER_FILE))) return 1;
  if (concurrency !== 'auto') return Math.max(1, Math.floor(concurrency));
  if (filesToParse < MIN_FILES_FOR_WORKERS) return 1;
  return Math.max(1, Math.min(os.availableParallelism(), Math.ceil(filesToParse / MIN_FILES_FOR_WORKERS), 8));
}

/** Scans files on worker threads in batches; results come back in input order. */
export async function scanInWorkers(setup: WorkerSetup, files: WorkerTask['files'], threads: number): Promise<WorkerResult[]> {
  const pool = new Piscina({ filename: WORKER_FILE.href, minThreads: threads, maxThreads: threads, idleTimeout: 100 });
  try {
    const batches: Promise<WorkerResult[]>[] = [];
    for (let i = 0; i < files.length; i += BATCH_SIZE) batches.push(pool.run({ setup, files: files.slice(i, i + BATCH_SIZE) } satisfies WorkerTask));
    return (await Promise.all(batches)).flat();
  } finally {
    await pool.destroy();
  }
}
