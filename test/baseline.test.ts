import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { scan } from '../src/scan.js';
import type { ScanResult } from '../src/types.js';

const POLICY = 'version: 1\ncollects:\n  - locale.language\ndoes_not_collect:\n  - location.precise\n';

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-lint-baseline-'));
  write(dir, { 'policy.yaml': POLICY, ...files });
  return dir;
}

function write(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
}

const BASELINE = 'privacy-lint-baseline.json';
const statuses = (r: ScanResult) => r.findings.map((f) => `${f.file}:${f.line} ${f.status}`);

describe('--update-baseline', () => {
  it('records the undisclosed findings without line numbers, sorted, and writes the same bytes every time', async () => {
    const dir = project({ 'src/b.ts': 'export const ua = navigator.userAgent;\n', 'src/a.ts': 'export const ua = navigator.userAgent;\nexport const lang = navigator.language;\n' });
    const result = await scan({ cwd: dir, updateBaseline: true });
    const first = fs.readFileSync(path.join(dir, BASELINE), 'utf8');
    expect(JSON.parse(first)).toEqual({
      version: 1,
      findings: [
        { file: 'src/a.ts', rule: 'web/user-agent/user-agent', category: 'browser.user_agent', thirdParty: null, evidence: 'navigator.userAgent', occurrence: 1 },
        { file: 'src/b.ts', rule: 'web/user-agent/user-agent', category: 'browser.user_agent', thirdParty: null, evidence: 'navigator.userAgent', occurrence: 1 },
      ],
    });
    expect(statuses(result)).toEqual(['src/a.ts:1 baselined', 'src/a.ts:2 disclosed', 'src/b.ts:1 baselined']);
    expect(result.summary.baselined).toBe(2);
    expect(result.summary.undisclosed).toBe(0);
    await scan({ cwd: dir, baseline: BASELINE, updateBaseline: true });
    expect(fs.readFileSync(path.join(dir, BASELINE), 'utf8')).toBe(first);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('never records a contradiction', async () => {
    const dir = project({ 'src/geo.ts': 'navigator.geolocation.getCurrentPosition(() => {});\n' });
    const result = await scan({ cwd: dir, updateBaseline: true });
    expect(JSON.parse(fs.readFileSync(path.join(dir, BASELINE), 'utf8')).findings).toEqual([]);
    expect(result.findings.map((f) => [f.status, f.problems.includes('contradicted')])).toEqual([['undisclosed', true]]);
  });
});

describe('--baseline', () => {
  it('still accepts old findings after lines move and code is reformatted, and fails a new one', async () => {
    const dir = project({ 'src/a.ts': 'export const ua = navigator.userAgent;\n' });
    await scan({ cwd: dir, updateBaseline: true });
    write(dir, {
      'src/a.ts': [
        '// a comment that moves everything down',
        'import { helper } from "./helper";',
        '',
        "export const ua = navigator\t.  userAgent;",
        'export const ua2 = navigator.userAgent;',
        '',
      ].join('\n'),
    });
    const result = await scan({ cwd: dir, baseline: BASELINE });
    // The second identical read is new: the baseline accepted one of them, not every one.
    expect(statuses(result)).toEqual(['src/a.ts:4 baselined', 'src/a.ts:5 undisclosed']);
    expect(result.warnings).toEqual([]);
  });

  it('does not renumber identical findings when one of them is suppressed or removed', async () => {
    const dir = project({ 'src/a.ts': 'const a = navigator.userAgent;\nconst b = navigator.userAgent;\n' });
    await scan({ cwd: dir, updateBaseline: true });
    write(dir, { 'src/a.ts': '// privacy-lint-disable-next-line browser.user_agent -- analytics consent banner\nconst a = navigator.userAgent;\nconst b = navigator.userAgent;\n' });
    const result = await scan({ cwd: dir, baseline: BASELINE });
    expect(statuses(result)).toEqual(['src/a.ts:2 suppressed', 'src/a.ts:3 baselined']);
    expect(result.warnings.map((w) => w.message)).toEqual(['stale entry src/a.ts: web/user-agent/user-agent "navigator.userAgent" (occurrence 2): no longer found; --update-baseline removes it']);
  });

  it('never accepts a contradiction, even one written into the file by hand', async () => {
    const dir = project({ 'src/geo.ts': 'navigator.geolocation.getCurrentPosition(() => {});\n' });
    const [finding] = (await scan({ cwd: dir })).findings;
    const entry = { file: finding!.file, rule: finding!.rule, category: finding!.category, thirdParty: null, evidence: finding!.evidence, occurrence: 1 };
    write(dir, { [BASELINE]: JSON.stringify({ version: 1, findings: [entry] }) });
    const result = await scan({ cwd: dir, baseline: BASELINE });
    expect(statuses(result)).toEqual(['src/geo.ts:1 undisclosed']);
    expect(result.warnings).toEqual([{ file: BASELINE, message: expect.stringContaining('a baseline never hides a contradiction') }]);
  });

  it('reports stale entries only for files the scan covered, and keeps the others when updating', async () => {
    const dir = project({ 'src/a.ts': 'export const ua = navigator.userAgent;\n', 'src/b.ts': 'export const ua = navigator.userAgent;\n' });
    await scan({ cwd: dir, updateBaseline: true });
    const staged = [{ path: 'src/a.ts', text: 'export const ua = "fixed";\n' }];
    const partial = await scan({ cwd: dir, baseline: BASELINE, files: staged });
    expect(partial.warnings.map((w) => w.message)).toEqual(['stale entry src/a.ts: web/user-agent/user-agent "navigator.userAgent": no longer found; --update-baseline removes it']);
    await scan({ cwd: dir, baseline: BASELINE, updateBaseline: true, files: staged });
    const entries = JSON.parse(fs.readFileSync(path.join(dir, BASELINE), 'utf8')).findings as { file: string }[];
    expect(entries.map((e) => e.file)).toEqual(['src/b.ts']);
  });

  it('reports and drops entries of deleted files, but not of files outside the scanned folder', async () => {
    const dir = project({ 'src/gone.ts': 'export const ua = navigator.userAgent;\n', 'lib/kept.ts': 'export const ua = navigator.userAgent;\n' });
    await scan({ cwd: dir, updateBaseline: true });
    fs.rmSync(path.join(dir, 'src/gone.ts'));
    const result = await scan({ cwd: dir, baseline: BASELINE });
    expect(result.warnings.map((w) => w.message)).toEqual(['stale entry src/gone.ts: web/user-agent/user-agent "navigator.userAgent": no longer found; --update-baseline removes it']);
    write(dir, { 'lib/other.ts': 'export const x = 1;\n' });
    const scoped = await scan({ cwd: dir, paths: ['src', 'lib/other.ts'], baseline: BASELINE });
    expect(scoped.warnings.map((w) => w.message)).toEqual(['stale entry src/gone.ts: web/user-agent/user-agent "navigator.userAgent": no longer found; --update-baseline removes it']);
    await scan({ cwd: dir, baseline: BASELINE, updateBaseline: true });
    const entries = JSON.parse(fs.readFileSync(path.join(dir, BASELINE), 'utf8')).findings as { file: string }[];
    expect(entries.map((e) => e.file)).toEqual(['lib/kept.ts']);
  });

  it('is a usage error when the file is missing or is not a baseline', async () => {
    const dir = project({ 'src/a.ts': 'export const ua = navigator.userAgent;\n' });
    await expect(scan({ cwd: dir, baseline: 'missing.json' })).rejects.toThrow(UsageError);
    write(dir, { 'bad.json': '{"version": 2, "findings": []}' });
    await expect(scan({ cwd: dir, baseline: 'bad.json' })).rejects.toThrow(/not a privacy-lint baseline/);
    write(dir, { 'broken.json': '{"version": 1, "findings": [' });
    await expect(scan({ cwd: dir, baseline: 'broken.json' })).rejects.toThrow(/not valid JSON/);
  });
});
