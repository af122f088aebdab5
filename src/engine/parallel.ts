import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { WorkerResult, WorkerSetup, WorkerTask } from './scan-worker.js';

/**
 * Below this many files to parse, starting workers (each loads TypeScript and the rules) costs more
 * than it saves. Measured with `npm run bench` on our 2-core machines, two workers were still
 * slower than one thread at 200 files to parse, so `auto` starts them only for very large scans.
 */
const MIN_FILES_FOR_WORKERS = 1000;
/** About this much source text per task: small enough to balance, large enough that messaging is cheap. */
const BATCH_BYTES = 64 * 1024;
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

/**
 * Scans files on worker threads; results come back in input order. Batches are cut by size,
 * largest files first, so that one huge bundle does not leave the other threads idle at the end.
 */
export async function scanInWorkers(setup: WorkerSetup, files: WorkerTask['files'], threads: number): Promise<WorkerResult[]> {
  const pool = new Piscina({ filename: WORKER_FILE.href, minThreads: threads, maxThreads: threads, idleTimeout: 100 });
  try {
    const order = files.map((f, i) => ({ ...f, i })).sort((a, b) => b.text.length - a.text.length || a.i - b.i);
    const batches: (typeof order)[] = [];
    let current: typeof order = [];
    let bytes = 0;
    for (const f of order) {
      current.push(f);
      bytes += f.text.length;
      if (bytes >= BATCH_BYTES) {
        batches.push(current);
        current = [];
        bytes = 0;
      }
    }
    if (current.length > 0) batches.push(current);
    const results: WorkerResult[] = new Array(files.length);
    await Promise.all(
      batches.map(async (batch) => {
        const out = await pool.run({ setup, files: batch.map(({ file, text }) => ({ file, text })) } satisfies WorkerTask);
        batch.forEach((f, k) => (results[f.i] = out[k]!));
      }),
    );
    return results;
  } finally {
    await pool.destroy();
  }
}
