import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { FLAGS } from '../src/options.js';
import { CLI, REPO } from './helpers/cli.js';

interface HookManifest {
  id: string;
  entry: string;
  language: string;
  pass_filenames: boolean;
}

interface Action {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: { id?: string; uses?: string; run?: string; with?: Record<string, string> }[] };
}

const hooks = YAML.parse(fs.readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as HookManifest[];
const action = YAML.parse(fs.readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as Action;
const knownFlags = new Set(FLAGS.map((f) => `--${f.name}`));
const flagsIn = (command: string) => command.match(/(?<=\s|^)--[a-z][a-z-]*/g) ?? [];

describe('.pre-commit-hooks.yaml', () => {
  it('declares the privacy-lint hook on the staged index, with flags the CLI has', () => {
    expect(hooks.map((h) => h.id)).toEqual(['privacy-lint']);
    const [hook] = hooks;
    expect(hook!.entry).toBe('privacy-lint check --staged --require-policy');
    expect(hook!.language).toBe('node');
    expect(hook!.pass_filenames).toBe(false);
    expect(flagsIn(hook!.entry).filter((f) => !knownFlags.has(f))).toEqual([]);
  });
});

describe('action.yml', () => {
  const check = action.runs.steps.find((s) => s.id === 'check')!;

  it('is a composite action that checks, uploads SARIF to code scanning, then fails on findings', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['path', 'policy', 'args']));
    expect(check.run).toContain('--require-policy');
    expect(check.run).toContain('--format sarif --output');
    expect(flagsIn(check.run!).filter((f) => !knownFlags.has(f) && f !== '--yes')).toEqual([]);
    expect(action.runs.steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))).toBe(true);
  });

  /** Runs the check step's script as the runner would, with `npx` standing in for the built CLI. */
  function runStep(project: string, inputs: Record<string, string>): { status: number | null; output: string; stderr: string } {
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-lint-npx-'));
    fs.writeFileSync(path.join(bin, 'npx'), `#!/usr/bin/env bash\nwhile [[ "$1" == --* ]]; do shift; done\nshift\nexec "${process.execPath}" "${CLI}" "$@"\n`, { mode: 0o755 });
    const output = path.join(bin, 'github-output');
    fs.writeFileSync(output, '');
    const env: Record<string, string> = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, GITHUB_OUTPUT: output, NO_COLOR: '1' };
    for (const [name, value] of Object.entries({ path: '.', policy: '', args: '', version: '', 'sarif-file': 'privacy-lint.sarif', ...inputs })) {
      env[`PRIVACY_LINT_${name === 'sarif-file' ? 'SARIF' : name.toUpperCase()}`] = value;
    }
    const run = spawnSync('bash', ['-e', '-c', check.run!], { cwd: project, env, encoding: 'utf8' });
    return { status: run.status, output: fs.readFileSync(output, 'utf8'), stderr: run.stderr };
  }

  function project(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-lint-action-'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'policy.yaml'), 'version: 1\ncollects:\n  - locale.language\n');
    fs.writeFileSync(path.join(dir, 'src/a.ts'), 'export const ua = navigator.userAgent;\n');
    return dir;
  }

  it('writes SARIF and reports exit code 1 for the later steps, without failing before the upload', () => {
    const dir = project();
    const step = runStep(dir, {});
    expect(step.status).toBe(0);
    expect(step.output).toBe('exit-code=1\n');
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, 'privacy-lint.sarif'), 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.length).toBeGreaterThan(0);
  });

  it('passes extra arguments through, and fails at once on a usage error', () => {
    const dir = project();
    expect(runStep(dir, { args: '--update-baseline --baseline ci/baseline.json' }).output).toBe('exit-code=0\n');
    expect(fs.existsSync(path.join(dir, 'ci/baseline.json'))).toBe(true);
    const broken = runStep(dir, { policy: 'missing.yaml' });
    expect(broken.status).toBe(2);
    expect(broken.output).toBe('exit-code=2\n');
  });

  it('does not let an input inject shell code', () => {
    const dir = project();
    runStep(dir, { policy: '$(touch injected)', args: '; touch injected2' });
    expect(fs.existsSync(path.join(dir, 'injected'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'injected2'))).toBe(false);
  });
});
