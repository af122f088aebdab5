import { serveBlockingCalls } from './blocking-worker.js';
import type { FileVerdict, VerdictRequest } from './file-verdict.js';

// Loaded on the first call, not at start-up: a module that fails to load must become a reply, not a hang.
serveBlockingCalls<VerdictRequest, FileVerdict>(async (request) => (await import('./file-verdict.js')).verdictFor(request));
