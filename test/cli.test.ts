import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const DEMO = 'fixtures/demo-app';

describe('privacy-lint check on the demo app', () => {
  it('passes the policy drafted from seed 000 (SDKs and what they receive disclosed)', () => {
    const run = runCli(['check', DEMO, '--policy', `${DEMO}/policy.seed-000.yaml`]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('no undisclosed collection');
  });

  it('fails the policy drafted from seed 001 with the undisclosed SDKs and device ids', () => {
    const run = runCli(['check', DEMO, '--policy', `${DEMO}/policy.seed-001.yaml`, '--format', 'json']);
    expect(run.status).toBe(1);
    const result = JSON.parse(run.stdout) as { findings: { status: string; thirdParty: string | null; category: string | null; problems: string[] }[] };
    const failing = result.findings.filter((f) => f.status === 'undisclosed');
    expect(new Set(failing.map((f) => f.thirdParty))).toEqual(new Set(['umeng', 'appcenter']));
    const shared = new Set(failing.filter((f) => f.problems.includes('undisclosed-sharing')).map((f) => f.category));
    for (const category of ['device.id.imei', 'device.id.mac', 'device.id.android_id', 'device.id.advertising', 'device.id.imsi', 'device.id.generated', 'network.ip', 'location.coarse']) {
      expect(shared).toContain(category);
    }
  });

  it('prints the contract JSON shape, field for field', () => {
    const run = runCli(['check', DEMO, '--policy', `${DEMO}/policy.seed-001.yaml`, '--format', 'json']);
    const result = JSON.parse(run.stdout) as Record<string, unknown> & { findings: Record<string, unknown>[] };
    expect(Object.keys(result)).toEqual(['version', 'tool', 'policy', 'findings', 'unused', 'warnings', 'summary']);
    expect(result.version).toBe(1);
    expect(result.tool).toEqual({ name: 'privacy-lint', version: '0.1.0' });
    expect(result.policy).toBe('policy.seed-001.yaml');
    expect(Object.keys(result.findings[0]!)).toEqual([
      'rule', 'category', 'thirdParty', 'status', 'problems', 'file', 'line', 'column', 'endLine', 'endColumn', 'evidence', 'message',
    ]);
    expect(Object.keys(result.summary as object)).toEqual(['files', 'findings', 'undisclosed', 'suppressed', 'baselined']);
  });

  it('gives byte-identical output for the same input', () => {
    const args = ['check', DEMO, '--policy', `${DEMO}/policy.seed-001.yaml`, '--format', 'json'];
    expect(runCli(args).stdout).toBe(runCli(args).stdout);
  });
});

describe('usage errors exit 2', () => {
  it('names policy.yaml:LINE:COL and suggests the right category for a misspelt id', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-lint-'));
    fs.writeFileSync(path.join(dir, 'policy.yaml'), 'version: 1\ncollects:\n  - network.ip\n  - device.id.imie\n');
    const run = runCli(['check', dir]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('policy.yaml:4:5');
    expect(run.stderr).toContain('unknown category "device.id.imie"');
    expect(run.stderr).toContain('did you mean "device.id.imei"?');
  });

  it('rejects an unknown flag', () => {
    const run = runCli(['check', '--frobnicate']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--frobnicate');
  });

  it('rejects a missing --policy file', () => {
    const run = runCli(['check', DEMO, '--policy', 'no/such/policy.yaml']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no/such/policy.yaml');
  });

  it('makes a missing policy an error with --require-policy', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-lint-'));
    const run = runCli(['check', dir, '--require-policy']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no policy.yaml found');
  });
});

describe('without a policy', () => {
  it('lists what the code collects, unchecked, exits 0 and says how to start a policy', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-lint-'));
    fs.writeFileSync(path.join(dir, 'app.js'), 'export const lang = navigator.language;\n');
    const run = runCli(['check', dir]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('app.js');
    expect(run.stdout).toContain('privacy-lint init');
    const json = JSON.parse(runCli(['check', dir, '--format', 'json']).stdout) as { policy: null; findings: { status: string; category: string }[] };
    expect(json.policy).toBeNull();
    expect(json.findings).toMatchObject([{ status: 'unchecked', category: 'locale.language' }]);
  });
});

describe('--help', () => {
  it('shows an example for every command', () => {
    const run = runCli(['--help']);
    expect(run.status).toBe(0);
    for (const command of ['check', 'init', 'policy', 'report', 'rules', 'explain', 'export']) {
      expect(run.stdout).toMatch(new RegExp(`e\\.g\\. privacy-lint ${command}`));
    }
  });
});
