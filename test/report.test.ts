import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScanResult } from '../src/types.js';
import { runCli } from './helpers/cli.js';

const DEMO = 'fixtures/demo-app';
const SEED_001 = `${DEMO}/policy.seed-001.yaml`;
const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = fs.existsSync(CHROMIUM);

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-lint-report-'));
}

/** The DOM after the page has loaded, as headless Chromium serialises it. */
function renderInChromium(file: string): string {
  const profile = tmp();
  // Without the background-networking flags Chromium keeps dialling Google's hosts, which a closed CI network refuses.
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  const run = spawnSync(CHROMIUM, [...flags, `--user-data-dir=${profile}`, '--dump-dom', `file://${file}`], { encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`chromium exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

describe('privacy-lint report', () => {
  it('writes an HTML audit and exits 0 even when something is undisclosed: it is a report, not the gate', () => {
    const out = path.join(tmp(), 'privacy-report.html');
    const run = runCli(['report', DEMO, '--policy', SEED_001, '--output', out]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/[1-9]\d* undisclosed against policy\.seed-001\.yaml/);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<h1>Privacy audit: Seedling</h1>');
  });

  it.skipIf(!HAS_CHROMIUM)(`renders in headless Chromium with the data inventory (needs ${CHROMIUM}; .ci/run installs it)`, () => {
    const dir = tmp();
    const out = path.join(dir, 'privacy-report.html');
    expect(runCli(['report', DEMO, '--policy', SEED_001, '--output', out]).status).toBe(0);
    const dom = renderInChromium(out);

    const table = /<table id="inventory">([\s\S]*?)<\/table>/.exec(dom);
    expect(table, 'the inventory table is in the rendered DOM').not.toBeNull();
    const headers = [...table![1]!.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(headers).toEqual(['Data', 'Category', 'Collected by', 'Evidence', 'Disclosed', 'Purposes']);

    // One row per category and collector, exactly as the JSON result has them.
    const json = JSON.parse(runCli(['check', DEMO, '--policy', SEED_001, '--format', 'json']).stdout) as ScanResult;
    const pairs = new Set(json.findings.filter((f) => f.category !== null).map((f) => `${f.category} ${f.thirdParty ?? 'app'}`));
    const rows = [...table![1]!.matchAll(/<tr data-category="([^"]+)" data-collector="([^"]+)" data-status="([^"]+)">/g)];
    expect(new Set(rows.map((m) => `${m[1]} ${m[2]}`))).toEqual(pairs);
    expect(rows.find((m) => m[1] === 'device.id.imei' && m[2] === 'umeng')?.[3]).toBe('undisclosed');
    expect(rows.find((m) => m[1] === 'network.ip' && m[2] === 'app')?.[3]).toBe('disclosed');
    expect(dom).toContain('id="sdk-umeng"');
  });

  it('writes Markdown when --output ends in .md, with the same inventory', () => {
    const out = path.join(tmp(), 'privacy-report.md');
    expect(runCli(['report', DEMO, '--policy', SEED_001, '--output', out]).status).toBe(0);
    const md = fs.readFileSync(out, 'utf8');
    expect(md).toMatch(/^# Privacy audit: Seedling\n/);
    expect(md).toMatch(/\| IMEI \/ MEID \/ ESN `device\.id\.imei` \| Umeng\+ \(by default\) \| `[^`]+:\d+` \| \*\*Not disclosed\*\*/);
    expect(md).toContain('The policy does not mention Umeng+ (umeng) at all');
  });

  it('says plainly when there is no policy to judge against', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'app.js'), 'export const lang = navigator.language;\n');
    const run = runCli(['report', dir, '--format', 'markdown']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('No policy.yaml was given, so this report lists what the code collects without judging it');
    expect(run.stdout).toContain('| Preferred language(s) / locale `locale.language` | the app | `app.js:1` | Not checked (no policy) |');
  });

  it('refuses formats that are not reports', () => {
    const run = runCli(['report', DEMO, '--format', 'json']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('report writes html or markdown');
  });
});
