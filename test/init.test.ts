import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { parsePolicy } from '../src/config/policy.js';
import { draftPolicy } from '../src/reporters/policy-draft.js';
import type { Finding, RuleDefinition, ScanResult } from '../src/types.js';
import { REPO, runCli } from './helpers/cli.js';
import { aFinding, aResult } from './helpers/results.js';

/** The demo app without its seed policies, in a folder of its own. */
function demoCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-lint-init-'));
  fs.cpSync(path.join(REPO, 'fixtures/demo-app'), dir, { recursive: true, filter: (src) => !path.basename(src).startsWith('policy.') });
  return dir;
}

interface Draft {
  version: number;
  app?: string;
  collects?: string[];
  third_parties?: { sdk: string; receives?: string[] }[];
}

describe('privacy-lint init', () => {
  it('drafts a policy.yaml that the same code then passes', () => {
    const dir = demoCopy();
    const init = runCli(['init', dir]);
    expect(init.status, init.stderr).toBe(0);
    expect(init.stderr).toContain('wrote');
    const text = fs.readFileSync(path.join(dir, 'policy.yaml'), 'utf8');
    const draft = YAML.parse(text) as Draft;
    expect(draft.version).toBe(1);
    expect(draft.app).toBe('seedling-demo');
    expect(draft.collects).toEqual(expect.arrayContaining(['device.info', 'network.ip']));
    const umeng = draft.third_parties?.find((t) => t.sdk === 'umeng');
    expect(umeng?.receives).toEqual(expect.arrayContaining(['device.id.imei', 'device.id.mac', 'device.id.android_id', 'network.ip', 'location.coarse']));
    expect(draft.third_parties?.map((t) => t.sdk)).toContain('appcenter');

    const check = runCli(['check', dir]);
    expect(check.stdout).toContain('no undisclosed collection');
    expect(check.status).toBe(0);
    expect(runCli(['check', dir, '--strict']).status).toBe(0);
  });

  it('comments every declaration with its evidence', () => {
    const dir = demoCopy();
    expect(runCli(['init', dir]).status).toBe(0);
    const lines = fs.readFileSync(path.join(dir, 'policy.yaml'), 'utf8').split('\n');
    const entries = lines.filter((l) => /^\s+- /.test(l));
    expect(entries.length).toBeGreaterThan(5);
    for (const entry of entries) expect(entry).toMatch(/#\s\S.*(\S+:\d+|by default)/);
    expect(lines.find((l) => l.includes('- network.ip') && !l.startsWith('      '))).toMatch(/# Client public IP address: server\/index\.ts:\d+/);
    expect(lines.find((l) => l.includes('- sdk: umeng'))).toMatch(/# Umeng\+: [^\s:]+:\d+/);
  });

  it('never overwrites an existing policy.yaml, but writes the draft to another file with --output', () => {
    const dir = demoCopy();
    fs.writeFileSync(path.join(dir, 'policy.yaml'), 'version: 1\n');
    const refused = runCli(['init', dir]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('already exists');
    expect(fs.readFileSync(path.join(dir, 'policy.yaml'), 'utf8')).toBe('version: 1\n');

    const sameFile = runCli(['init', dir, '--output', path.join(dir, 'policy.yaml')]);
    expect(sameFile.status).toBe(2);
    expect(fs.readFileSync(path.join(dir, 'policy.yaml'), 'utf8')).toBe('version: 1\n');

    const elsewhere = path.join(dir, 'policy.draft.yaml');
    expect(runCli(['init', dir, '--output', elsewhere]).status).toBe(0);
    expect(runCli(['check', dir, '--policy', elsewhere]).status).toBe(0);
  });

  it('drafts from a published privacy policy with --from-text, naming it relative to policy.yaml', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-lint-init-'));
    fs.mkdirSync(path.join(dir, 'docs'));
    fs.writeFileSync(
      path.join(dir, 'docs/privacy.md'),
      '# Privacy\n\nWe collect your IP address when you visit.\nOur app integrates the Umeng SDK, which collects your IMEI to provide statistics.\n',
    );
    const run = runCli(['init', dir, '--from-text', path.join(dir, 'docs/privacy.md')]);
    expect(run.status, run.stderr).toBe(0);
    const text = fs.readFileSync(path.join(dir, 'policy.yaml'), 'utf8');
    const policy = parsePolicy(text, path.join(dir, 'policy.yaml'));
    expect(policy.privacyPolicy).toBe('docs/privacy.md');
    expect(policy.collects.map((c) => c.category)).toContain('network.ip');
    expect(policy.thirdParties.find((t) => t.sdk === 'umeng')?.receives).toContain('device.id.imei');
    expect(text).toContain('We collect your IP address when you visit.');
    expect(runCli(['init', dir, '--from-text', path.join(dir, 'docs/privacy.md')]).status).toBe(2);
  });

  it('drafts a valid policy for a project that collects nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-lint-init-'));
    fs.writeFileSync(path.join(dir, 'index.js'), 'export const answer = 42;\n');
    expect(runCli(['init', dir]).status).toBe(0);
    expect(runCli(['check', dir, '--require-policy']).status).toBe(0);
  });
});

describe('draftPolicy', () => {
  const rule = (id: string, match: RuleDefinition['match']): RuleDefinition => ({ id, title: id, category: null, sdk: null, message: id, match, docs: 'https://example.org', source: id, line: 1 });
  const RULES = new Map<string, RuleDefinition>([
    ['android/phone-state', rule('android/phone-state', [{ type: 'permission', names: ['android.permission.READ_PHONE_STATE'] }])],
    ['android/imei', rule('android/imei', [{ type: 'symbol', pattern: 'getImei', languages: ['java'] }])],
  ]);
  const f = (partial: Partial<Finding> & Pick<Finding, 'rule' | 'file' | 'line'>): Finding => aFinding(partial);
  const result = aResult;

  it('leaves a permission to the SDK that receives its data, instead of claiming the app collects it', () => {
    const text = draftPolicy(
      result([
        f({ rule: 'android/phone-state', file: 'android/app/src/main/AndroidManifest.xml', line: 5, category: 'device.id.imei' }),
        f({ rule: 'sdk-defaults/umeng', file: 'src/umeng.ts', line: 4, category: 'device.id.imei', thirdParty: 'umeng' }),
      ]),
      { rules: RULES },
    );
    const policy = parsePolicy(text, 'policy.yaml');
    expect(policy.collects).toEqual([]);
    expect(policy.thirdParties.map((t) => [t.sdk, t.receives])).toEqual([['umeng', ['device.id.imei']]]);
  });

  it('declares what the app itself reads, even when an SDK receives the same category', () => {
    const text = draftPolicy(
      result([
        f({ rule: 'android/imei', file: 'android/Imei.java', line: 9, category: 'device.id.imei' }),
        f({ rule: 'sdk-defaults/umeng', file: 'src/umeng.ts', line: 4, category: 'device.id.imei', thirdParty: 'umeng' }),
      ]),
      { rules: RULES },
    );
    expect(parsePolicy(text, 'policy.yaml').collects.map((c) => c.category)).toEqual(['device.id.imei']);
    expect(text).toMatch(/- device\.id\.imei\s+# IMEI \/ MEID \/ ESN: android\/Imei\.java:9\n/);
  });

  it('keeps evidence comments on one line and quotes an app name YAML would misread', () => {
    const text = draftPolicy(result([f({ rule: 'android/imei', file: 'src/odd\nname.ts', line: 3, category: 'device.id.imei' })]), { rules: RULES, app: 'yes: #1 app' });
    const policy = parsePolicy(text, 'policy.yaml');
    expect(policy.app).toBe('yes: #1 app');
    expect(policy.collects.map((c) => c.category)).toEqual(['device.id.imei']);
    expect(text).toContain('# IMEI / MEID / ESN: src/odd name.ts:3');
  });
});
