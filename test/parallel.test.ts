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

  it('report what import resolution read, so that a warm --cache run sees a file that changes where an import points', () => {
    // app.ts passes the prefilter, so only the worker resolves its './device' import.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-lint-workers-'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src/app.ts'), "import { id } from './device';\nexport const ua = navigator.userAgent;\nexport const value = id();\n");
    fs.writeFileSync(path.join(dir, 'src/device.js'), 'export function id() {\n  return "local";\n}\n');
    const cache = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-lint-cache-')), 'cache.json');
    const args = ['check', dir, '--format', 'json', '--concurrency', '2', '--cache', '--cache-location', cache];
    const rules = (run: { stdout: string }) => (JSON.parse(run.stdout) as { findings: { rule: string }[] }).findings.map((f) => f.rule);
    expect(rules(runCli(args))).toEqual(['web/user-agent/user-agent']);
    // Beside device.js, a device.ts is what './device' names from now on.
    fs.writeFileSync(path.join(dir, 'src/device.ts'), "export { getUniqueId as id } from 'react-native-device-info';\n");
    expect(rules(runCli(args))).toContain('react-native-device-info/unique-id');
  });

  it('rejects a nonsensical --concurrency', () => {
    const run = runCli(['check', 'fixtures/demo-app', '--concurrency', 'many']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--concurrency takes a positive whole number');
  });
});
