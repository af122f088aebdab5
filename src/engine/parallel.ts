import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Piscina } from 'piscina';
import type { WorkerResult, WorkerSetup, WorkerTask } from './scan-worker.js';

/**
 * Below this much source text to scan, workers (each loads TypeScript and the rules, and parses
 * again the export tables the calling thread already has) cost more than they save. On our 2-core
 * machines `npm run bench` measured no gain at 27 MB, so `auto` keeps to one thread below 64 MB.
 */
const MIN_BYTES_FOR_WORKERS = 64 * 1024 * 1024;
const WORKER_FILE = new URL('./scan-worker.js', import.meta.url);

/** Threads to scan with, the calling one included: `auto`, or a number (1 = the calling thread only). */
export type Concurrency = number | 'auto';

/**
 * Worker threads to start besides the calling thread, which keeps prefiltering while they parse.
 * `auto` uses every core, for scans large enough to pay for starting them.
 */
export function workerCount(concurrency: Concurrency, files: readonly { text: string }[]): number {
  // Under the test runner the engine runs from TypeScript sources, where no compiled worker exists.
  if (!fs.existsSync(fileURLToPath(WORKER_FILE))) return 0;
  if (concurrency !== 'auto') return Math.max(0, Math.floor(concurrency) - 1);
  const bytes = files.reduce((sum, f) => sum + f.text.length, 0);
  return bytes < MIN_BYTES_FOR_WORKERS ? 0 : Math.min(os.availableParallelism(), 8) - 1;
}

/** Worker threads that scan batches of files, started once per scan. */
export class WorkerPool {
  private readonly pool: Piscina;

  constructor(
    private readonly setup: WorkerSetup,
    threads: number,
  ) {
    // Loaded only by a scan that starts workers: most runs never need it.
    const { Piscina: Pool } = createRequire(import.meta.url)('piscina') as typeof import('piscina');
    this.pool = new Pool({ filename: WORKER_FILE.href, minThreads: threads, maxThreads: threads, idleTimeout: 100 });
  }

  /** Scans a batch on the next free worker; results come back in the batch's order. */
  run(files: WorkerTask['files']): Promise<WorkerResult[]> {
    return this.pool.run({ setup: this.setup, files } satisfies WorkerTask);
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
