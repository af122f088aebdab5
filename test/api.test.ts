import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, scan, type ScanOptions, type ScanResult, UsageError } from '../src/index.js';
import { REPO, runCli } from './helpers/cli.js';

const DEMO = 'fixtures/demo-app';

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-lint-api-'));
  temporary.push(dir);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

function checkJson(args: string[], cwd = REPO): ScanResult {
  const run = runCli(['check', '--format', 'json', ...args], { cwd });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as ScanResult;
}

describe('scan() against `check --format json`', () => {
  it('returns the result the CLI prints for the demo app, field for field', async () => {
    const options: ScanOptions = { cwd: REPO, paths: [DEMO], policy: `${DEMO}/policy.seed-001.yaml` };
    const result = await scan(options);
    expect(result.summary.undisclosed).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(result))).toEqual(checkJson([DEMO, '--policy', `${DEMO}/policy.seed-001.yaml`]));
  });

  it('finds the nearest policy.yaml as the CLI does when none is named', async () => {
    const root = project({
      'policy.yaml': 'version: 1\ncollects:\n  - browser.user_agent\n',
      'src/geo.js': 'navigator.geolocation.getCurrentPosition(show);\nexport const agent = navigator.userAgent;\n',
    });
    const result = await scan({ cwd: path.join(root, 'src') });
    expect(result.policy).toBe('../policy.yaml');
    expect(result.findings.map((f) => `${f.file}:${f.line} ${f.status}`)).toEqual(['geo.js:1 undisclosed', 'geo.js:2 disclosed']);
    expect(JSON.parse(JSON.stringify(result))).toEqual(checkJson([], path.join(root, 'src')));
  });
});

describe('scan() options', () => {
  it('lists findings unchecked with policy: false', async () => {
    const result = await scan({ cwd: path.join(REPO, DEMO), policy: false });
    expect(result.policy).toBeNull();
    expect(result.findings.length).toBeGreaterThan(0);
    expect(new Set(result.findings.map((f) => f.status))).toEqual(new Set(['unchecked']));
    expect(result.unused).toEqual([]);
  });

  it('judges given contents instead of the disk', async () => {
    const root = project({ 'policy.yaml': 'version: 1\ncollects: []\n', 'src/geo.js': 'export const nothing = 1;\n' });
    const result = await scan({ cwd: root, files: [{ path: 'src/geo.js', text: '\nnavigator.geolocation.getCurrentPosition(show);\n' }] });
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule} ${f.status}`)).toEqual(['src/geo.js:2:1 web/geolocation/position undisclosed']);
  });

  it('throws a UsageError for a required policy that is missing', async () => {
    const root = project({ 'src/app.js': 'export const app = 1;\n' });
    await expect(scan({ cwd: root, policy: path.join(root, 'nowhere.yaml') })).rejects.toThrow(UsageError);
  });

  it('throws a ConfigError that locates every problem of an unusable policy', async () => {
    const root = project({ 'policy.yaml': 'version: 1\ncollects:\n  - device.id.imie\nthird_parties:\n  - sdk: umeng\n    recieves: [network.ip]\n' });
    const error = await scan({ cwd: root }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => `${path.basename(p.file)}:${p.line}:${p.column}`)).toEqual(['policy.yaml:3:5', 'policy.yaml:6:5']);
  });
});
