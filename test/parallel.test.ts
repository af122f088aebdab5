import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

describe('worker threads', () => {
  it('give byte-identical output to a single-threaded scan', () => {
    // The repository's own policy.yaml narrows scans to src/**; an empty policy judges everything.
    const policy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-lint-')), 'policy.yaml');
    fs.writeFileSync(policy, 'version: 1\n');
    const args = ['check', 'fixtures/rules', '--include-tests', '--policy', policy, '--format', 'json'];
    const single = runCli([...args, '--concurrency', 'off']);
    const parallel = runCli([...args, '--concurrency', '3']);
    expect(single.stderr).toBe('');
    expect(parallel.stderr).toBe('');
    expect(JSON.parse(single.stdout).findings.length).toBeGreaterThan(100);
    expect(parallel.stdout).toBe(single.stdout);
  });

  it('rejects a nonsensical --concurrency', () => {
    const run = runCli(['check', 'fixtures/demo-app', '--concurrency', 'many']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--concurrency takes a positive whole number');
  });
});
