import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { GitRepo } from './helpers/git-repo.js';

const POLICY = 'version: 1\ncollects:\n  - locale.language\n';

interface Json {
  findings: { file: string; line: number; rule: string; status: string }[];
  warnings: { file: string; message: string }[];
  summary: { findings: number; undisclosed: number; suppressed: number; baselined: number };
}

function check(repo: GitRepo, ...args: string[]): { status: number | null; json: Json; stdout: string; stderr: string } {
  const run = runCli(['check', '--format', 'json', ...args], { cwd: repo.dir });
  return { status: run.status, json: JSON.parse(run.stdout) as Json, stdout: run.stdout, stderr: run.stderr };
}

const located = (json: Json) => json.findings.map((f) => `${f.file}:${f.line} ${f.status}`);

describe('a legacy codebase adopting the CI gate with a baseline', () => {
  it('accepts recorded findings after their lines move, and fails only a new collection', () => {
    const repo = new GitRepo().write({
      'policy.yaml': POLICY,
      'src/legacy.ts': 'export const ua = navigator.userAgent;\nexport const lang = navigator.language;\n',
      'src/cookies.js': 'export const all = document.cookie;\n',
    });
    const adopt = check(repo, '--require-policy', '--update-baseline', '--baseline', '.privacy-lint/baseline.json');
    expect(adopt.status).toBe(0);
    expect(adopt.json.summary).toMatchObject({ undisclosed: 0, baselined: 2 });
    expect(adopt.stderr).toBe('privacy-lint: wrote .privacy-lint/baseline.json: 2 findings accepted\n');
    repo.stage().commit('adopt privacy-lint with a baseline');

    // Unrelated edits push the legacy reads down; a new file adds a new collection.
    repo.write({
      'src/legacy.ts': '// Legacy analytics, kept for the dashboard.\nimport { track } from "./track";\n\nexport const ua = navigator.userAgent;\nexport const lang = navigator.language;\n',
      'src/cookies.js': '\n\nexport const all  =  document.cookie;\n',
      'src/new-feature.ts': 'export const platform = navigator.userAgent;\n',
    });
    const gate = check(repo, '--require-policy', '--baseline', '.privacy-lint/baseline.json');
    expect(gate.status).toBe(1);
    expect(located(gate.json)).toEqual(['src/cookies.js:3 baselined', 'src/legacy.ts:4 baselined', 'src/legacy.ts:5 disclosed', 'src/new-feature.ts:1 undisclosed']);
    expect(gate.json.summary).toMatchObject({ undisclosed: 1, baselined: 2 });
    expect(gate.json.warnings).toEqual([]);

    // Paying the debt down turns the entry stale, which is reported, not an error.
    repo.write({ 'src/cookies.js': 'export const all = "";\n' }).remove('src/new-feature.ts');
    const paid = check(repo, '--baseline', '.privacy-lint/baseline.json');
    expect(paid.status).toBe(0);
    expect(paid.json.warnings).toEqual([{ file: '.privacy-lint/baseline.json', message: expect.stringContaining('stale entry src/cookies.js') }]);
  });
});

describe('inline suppressions', () => {
  it('suppresses with a reason, reports one without a reason (which fails), and reports unused ones', () => {
    const repo = new GitRepo().write({
      'policy.yaml': POLICY,
      'src/a.ts': [
        '// privacy-lint-disable-next-line browser.user_agent -- sent only after the user opts in to diagnostics',
        'export const diagnostics = navigator.userAgent;',
        '// privacy-lint-disable-next-line browser.user_agent',
        'export const noReason = navigator.userAgent;',
        '// privacy-lint-disable-next-line tracking.cookie -- nothing here reads a cookie',
        'export const nothing = 1;',
        '',
      ].join('\n'),
    });
    const run = check(repo);
    expect(run.status).toBe(1);
    expect(located(run.json)).toEqual(['src/a.ts:2 suppressed', 'src/a.ts:4 undisclosed']);
    expect(run.json.summary).toMatchObject({ suppressed: 1, undisclosed: 1 });
    expect(run.json.warnings).toEqual([
      { file: 'src/a.ts', message: 'line 3: privacy-lint-disable-next-line needs a reason after " -- "; nothing was suppressed' },
      { file: 'src/a.ts', message: 'line 5: unused privacy-lint-disable directive (no finding for tracking.cookie on line 6)' },
    ]);
  });
});

describe('check --cache', () => {
  it('gives a warm run the same output as a cold run, also after a dependency file changes', () => {
    const repo = new GitRepo().write({
      'policy.yaml': POLICY,
      'package.json': '{ "name": "app", "dependencies": {} }\n',
      'src/app.ts': "import { id } from './device';\nexport const value = id();\n",
      'src/device.ts': 'export function id(): string {\n  return "local";\n}\n',
      'src/ua.ts': 'export const ua = navigator.userAgent;\n',
    });
    const cold = () => runCli(['check', '--format', 'json'], { cwd: repo.dir }).stdout;
    const warm = (extra: string[] = []) => check(repo, '--cache', ...extra);

    const fill = warm();
    expect(fs.existsSync(path.join(repo.dir, '.privacy-lint-cache'))).toBe(true);
    expect(fill.stdout).toBe(cold());
    expect(warm().stdout).toBe(fill.stdout);

    // app.ts is unchanged, but what it imports now re-exports a device id API; package.json gains the SDK.
    repo.write({
      'src/device.ts': "export { getUniqueId as id } from 'react-native-device-info';\n",
      'package.json': '{ "name": "app", "dependencies": { "react-native-device-info": "^14.0.0" } }\n',
    });
    const after = warm();
    expect(after.stdout).toBe(cold());
    expect(after.json.findings.map((f) => `${f.file}:${f.line} ${f.rule}`)).toContain('src/app.ts:2 react-native-device-info/unique-id');
    expect(warm().stdout).toBe(after.stdout);
  });
});
