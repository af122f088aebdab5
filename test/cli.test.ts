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
    expect(new Set(failing.flatMap((f) => (f.thirdParty ? [f.thirdParty] : [])))).toEqual(new Set(['umeng', 'appcenter']));
    const shared = new Set(failing.filter((f) => f.problems.includes('undisclosed-sharing')).map((f) => f.category));
    for (const category of ['device.id.imei', 'device.id.mac', 'device.id.android_id', 'device.id.advertising', 'device.id.imsi', 'device.id.generated', 'network.ip', 'location.coarse']) {
      expect(shared).toContain(category);
    }
  });

  it('fails seed 001 on exactly the native evidence of device ids, location and SDKs', () => {
    const run = runCli(['check', DEMO, '--policy', `${DEMO}/policy.seed-001.yaml`, '--format', 'json']);
    const result = JSON.parse(run.stdout) as { findings: { rule: string; status: string; file: string; line: number; category: string | null; thirdParty: string | null }[] };
    const failing = result.findings.filter((f) => f.status === 'undisclosed');
    // The policy names no SDK, device id or location, and covers everything else the app collects itself.
    for (const f of failing) {
      if (f.thirdParty) expect(['umeng', 'appcenter']).toContain(f.thirdParty);
      else expect(f.category, f.rule).toMatch(/^(device\.id|location)(\.|$)/);
    }
    const native = failing.filter((f) => /^(android|ios)\//.test(f.file) && !f.rule.startsWith('sdk-defaults/'));
    expect(native.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual([
      'android/app/build.gradle:16 android/sdks/umeng',
      'android/app/build.gradle:17 android/sdks/umeng',
      'android/app/build.gradle:18 android/sdks/umeng',
      'android/app/build.gradle:19 android/sdks/appcenter',
      'android/app/src/main/AndroidManifest.xml:5 android/permissions/wifi-state',
      'android/app/src/main/AndroidManifest.xml:6 android/permissions/read-phone-state',
      'android/app/src/main/AndroidManifest.xml:7 android/permissions/coarse-location',
      'android/app/src/main/AndroidManifest.xml:10 android/sdks/umeng',
      'android/app/src/main/AndroidManifest.xml:11 android/sdks/umeng',
      'android/app/src/main/java/com/seedling/demo/MainApplication.java:11 android/sdk-calls/umeng-init',
      'ios/DemoApp/Info.plist:7 ios/capabilities/location-when-in-use',
      'ios/Podfile:4 ios/sdks/umeng',
      'ios/Podfile:5 ios/sdks/umeng',
      'ios/Podfile:6 ios/sdks/umeng',
      'ios/Podfile:7 ios/sdks/appcenter',
    ]);
    const inlineScript = result.findings.find((f) => f.file === 'web/index.html');
    expect(inlineScript).toMatchObject({ line: 10, category: 'locale.language', status: 'disclosed' });
  });

  it('passes seed 000 because the SDKs it lists receive what the native permissions and purpose strings grant', () => {
    const run = runCli(['check', DEMO, '--policy', `${DEMO}/policy.seed-000.yaml`, '--format', 'json']);
    const result = JSON.parse(run.stdout) as { findings: { status: string; file: string; category: string | null }[] };
    const capabilities = result.findings.filter((f) => /AndroidManifest\.xml$|Info\.plist$/.test(f.file) && f.category !== null);
    expect(capabilities.map((f) => f.category).sort()).toEqual(['device.id.imei', 'device.id.mac', 'location.coarse', 'location.precise']);
    expect(capabilities.every((f) => f.status === 'disclosed')).toBe(true);
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
