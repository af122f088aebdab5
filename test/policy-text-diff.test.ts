import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../src/config/policy.js';
import {
  type Disclosure,
  diffPolicyText,
  draftPolicyFromText,
  extractDisclosures,
  readPolicyText,
  summarizeDisclosures,
} from '../src/policy-text/index.js';
import { runCli } from './helpers/cli.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/policy-text');
const PROJECTS = path.join(FIXTURES, 'projects');

function disclosure(category: string | null, fields: Partial<Disclosure> = {}): Disclosure {
  return { category, thirdParty: null, party: 'first', negated: false, line: 1, quote: 'q', ...fields };
}

function summaryOf(text: string) {
  return summarizeDisclosures(extractDisclosures(text, 'privacy.md').disclosures);
}

describe('summarizeDisclosures', () => {
  it('keeps a negated category only when nothing affirms it or a child of it', () => {
    const summary = summarizeDisclosures([
      disclosure('location', { negated: true }),
      disclosure('location.coarse', { thirdParty: 'umeng', party: 'third' }),
      disclosure('device.id.imei', { negated: true }),
      disclosure('location.precise', { negated: true }),
    ]);
    expect([...summary.doesNotCollect.keys()]).toEqual(['device.id.imei', 'location.precise']);
  });

  it('files SDK statements under the SDK and the rest under collects', () => {
    const summary = summarizeDisclosures([
      disclosure(null, { thirdParty: 'umeng', party: 'third' }),
      disclosure('device.id.imei', { thirdParty: 'umeng', party: 'third' }),
      disclosure('network.ip'),
      disclosure(null, { thirdParty: 'sentry', party: 'third', negated: true }),
    ]);
    expect([...summary.collects.keys()]).toEqual(['network.ip']);
    expect([...summary.thirdParties.keys()]).toEqual(['umeng']);
    expect([...summary.thirdParties.get('umeng')!.receives.keys()]).toEqual(['device.id.imei']);
  });
});

describe('diffPolicyText', () => {
  const text = readPolicyText(path.join(PROJECTS, 'agree/privacy.md'));

  it('agrees when each side covers the other (device.id in the YAML, IMEI and Android ID in the text)', () => {
    const policy = parsePolicy(fs.readFileSync(path.join(PROJECTS, 'agree/policy.yaml'), 'utf8'), 'policy.yaml');
    expect(diffPolicyText(policy, summaryOf(text))).toEqual([]);
  });

  it('reports both directions', () => {
    const policy = parsePolicy(fs.readFileSync(path.join(PROJECTS, 'differ/policy.yaml'), 'utf8'), 'policy.yaml');
    const differences = diffPolicyText(policy, summaryOf(text)).map((d) => `${d.direction} ${d.section} ${d.thirdParty ?? '-'} ${d.category ?? '-'} ${d.policyLine ?? d.line}`);
    expect(differences).toEqual([
      'declared-not-disclosed collects - device.id.imei 6',
      'declared-not-disclosed third_parties appcenter - 10',
      'disclosed-not-declared collects - tracking.cookie 3',
      'disclosed-not-declared does_not_collect - location.precise 5',
      'disclosed-not-declared third_parties umeng location.coarse 7',
    ]);
  });
});

describe('draftPolicyFromText', () => {
  const corpus = ['seeds', 'corpus/dev', 'corpus/holdout'].flatMap((dir) =>
    fs
      .readdirSync(path.join(FIXTURES, dir))
      .filter((f) => /\.(?:md|txt|html)$/.test(f))
      .map((f) => path.join(FIXTURES, dir, f)),
  );

  it('writes a policy.yaml that loads and agrees with its own text, for every seed and corpus policy', () => {
    for (const file of corpus) {
      const text = readPolicyText(file);
      const draft = draftPolicyFromText(text, 'privacy.md');
      const policy = parsePolicy(draft, path.basename(file));
      expect({ file, differences: diffPolicyText(policy, summaryOf(text)) }).toEqual({ file, differences: [] });
    }
  });

  it('comments each entry with the sentence it comes from', () => {
    const draft = draftPolicyFromText(readPolicyText(path.join(FIXTURES, 'seeds/000_e9d209c28fbad905.txt')), 'docs/privacy.md');
    const lines = draft.split('\n');
    expect(lines).toContain('privacy_policy: "docs/privacy.md"');
    const umeng = lines.indexOf('  - sdk: umeng');
    expect(lines[umeng - 1]).toBe('  # line 34: "Our products integrate Alliance +SDK."');
    const imei = lines.indexOf('      - device.id.imei', umeng);
    expect(lines[imei - 1]).toMatch(/^ {6}# line 34: "Alliance \+SDK needs to collect your device Mac address/);
  });

  it('lists promises under does_not_collect', () => {
    const draft = draftPolicyFromText('We do not collect your location.\n\nWe collect your IP address.\n', 'p.md');
    const policy = parsePolicy(draft, 'policy.yaml');
    expect(policy.collects.map((c) => c.category)).toEqual(['network.ip']);
    expect(policy.doesNotCollect.map((c) => c.category)).toEqual(['location']);
  });
});

describe('privacy-lint policy (built CLI)', () => {
  it('extract --format json prints the contract shape, field for field', () => {
    const run = runCli(['policy', 'extract', 'fixtures/policy-text/seeds/000_e9d209c28fbad905.txt', '--format', 'json']);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as { disclosures: Record<string, unknown>[] } & Record<string, unknown>;
    expect(Object.keys(result)).toEqual(['version', 'source', 'disclosures']);
    expect(result.version).toBe(1);
    expect(result.source).toBe('fixtures/policy-text/seeds/000_e9d209c28fbad905.txt');
    expect(Object.keys(result.disclosures[0]!)).toEqual(['category', 'thirdParty', 'party', 'negated', 'line', 'quote']);
  });

  it('extract gives byte-identical output for the same input', () => {
    const args = ['policy', 'extract', 'fixtures/policy-text/corpus/dev/16-zh-umeng.md', '--format', 'json'];
    expect(runCli(args).stdout).toBe(runCli(args).stdout);
  });

  it('extract prints a readable summary by default', () => {
    const run = runCli(['policy', 'extract', 'fixtures/policy-text/projects/agree/privacy.md']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Third parties: umeng (device.id, device.id.imei, device.id.android_id, location.coarse)');
    expect(run.stdout).toContain('Promises not to collect: location.precise');
  });

  it('diff exits 0 when policy.yaml and its text agree', () => {
    const run = runCli(['policy', 'diff', '--policy', 'fixtures/policy-text/projects/agree/policy.yaml']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('agree');
    expect(run.status).toBe(0);
  });

  it('diff exits 1 and lists both directions when they differ', () => {
    const run = runCli(['policy', 'diff'], { cwd: path.join(PROJECTS, 'differ') });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('Declared in policy.yaml but not disclosed in ../agree/privacy.md:\n  policy.yaml:6  collects device.id.imei');
    expect(run.stdout).toContain('Disclosed in ../agree/privacy.md but missing from policy.yaml:');
    expect(run.stdout).toContain('../agree/privacy.md:7  third_parties umeng receives location.coarse');
  });

  it('diff --format json lists the differences', () => {
    const run = runCli(['policy', 'diff', '--policy', 'fixtures/policy-text/projects/differ/policy.yaml', '--format', 'json']);
    const result = JSON.parse(run.stdout) as { policy: string; text: string; differences: unknown[] };
    expect(result.policy).toBe('fixtures/policy-text/projects/differ/policy.yaml');
    expect(result.text).toBe('fixtures/policy-text/projects/agree/privacy.md');
    expect(result.differences).toHaveLength(5);
  });

  it('diff without a privacy_policy key is a usage error that says what to add', () => {
    const run = runCli(['policy', 'diff', '--policy', 'fixtures/policy-text/projects/missing-key/policy.yaml']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('has no privacy_policy key');
    expect(run.stderr).toContain('privacy_policy: docs/privacy.md');
  });

  it('usage errors exit 2: no subcommand, an unknown one, a missing file, a format it cannot print', () => {
    expect(runCli(['policy']).status).toBe(2);
    expect(runCli(['policy', 'lint']).status).toBe(2);
    const missing = runCli(['policy', 'extract', 'no/such/privacy.md']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot read');
    expect(runCli(['policy', 'extract', 'fixtures/policy-text/projects/agree/privacy.md', '--format', 'sarif']).status).toBe(2);
  });

  it('diff finds the nearest policy.yaml and reads privacy_policy relative to it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-lint-policy-'));
    fs.mkdirSync(path.join(dir, 'docs'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'docs/privacy.md'), '我们会收集您的IP地址。\n');
    fs.writeFileSync(path.join(dir, 'policy.yaml'), 'version: 1\nprivacy_policy: docs/privacy.md\ncollects: [network.ip]\n');
    const run = runCli(['policy', 'diff'], { cwd: path.join(dir, 'src') });
    expect(run.stdout).toBe('../policy.yaml and ../docs/privacy.md agree.\n');
    expect(run.status).toBe(0);
  });
});
