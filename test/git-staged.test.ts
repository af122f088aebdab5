import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { GitRepo } from './helpers/git-repo.js';

const POLICY = 'version: 1\ncollects:\n  - locale.language\n';
const UA = 'export const ua = navigator.userAgent;\n';
const CLEAN = 'export const ua = "none";\n';

interface Json {
  findings: { file: string; line: number; rule: string; status: string }[];
  warnings: { file: string; message: string }[];
  summary: { files: number };
}

function check(repo: GitRepo, ...args: string[]): { status: number | null; json: Json; stderr: string } {
  const run = runCli(['check', '--format', 'json', ...args], { cwd: repo.dir });
  return { status: run.status, json: run.stdout ? (JSON.parse(run.stdout) as Json) : ({} as Json), stderr: run.stderr };
}

const located = (json: Json) => json.findings.map((f) => `${f.file}:${f.line} ${f.status}`);

describe('check --staged', () => {
  it('follows re-exports as they are staged, not as the work tree has them', () => {
    const repo = new GitRepo()
      .write({ 'policy.yaml': POLICY, 'src/ids.ts': 'export const ids = {};\n', 'src/app.ts': "import { getUniqueId } from './ids';\nexport const id = getUniqueId();\n" })
      .stage()
      .commit('start');
    repo.write({ 'src/ids.ts': "export { getUniqueId } from 'react-native-device-info';\n" }).stage('src/ids.ts');
    repo.write({ 'src/ids.ts': 'export const ids = {};\n' });
    repo.write({ 'src/app.ts': "import { getUniqueId } from './ids';\nexport const id = getUniqueId(); // touched\n" }).stage('src/app.ts');
    const { status, json } = check(repo, '--staged');
    expect(status).toBe(1);
    expect(json.findings.filter((f) => f.file === 'src/app.ts').map((f) => `${f.line} ${f.rule}`)).toEqual([
      '2 react-native-device-info/unique-id',
      '2 react-native-device-info/unique-id-vendor',
    ]);
  });

  it('fails on a collection that is staged even after the work tree no longer has it', () => {
    const repo = new GitRepo().write({ 'policy.yaml': POLICY, 'src/a.ts': CLEAN }).stage().commit('start');
    repo.write({ 'src/a.ts': `// staged for the commit\n${UA}` }).stage('src/a.ts');
    repo.write({ 'src/a.ts': CLEAN });
    const run = check(repo, '--staged', '--require-policy');
    expect(run.status).toBe(1);
    expect(located(run.json)).toEqual(['src/a.ts:2 undisclosed']);
  });

  it('passes when only the work tree, not the index, has the collection', () => {
    const repo = new GitRepo().write({ 'policy.yaml': POLICY, 'src/a.ts': CLEAN }).stage().commit('start');
    repo.write({ 'src/a.ts': `${CLEAN}// edited again\n` }).stage('src/a.ts');
    repo.write({ 'src/a.ts': UA });
    const run = check(repo, '--staged');
    expect(run.status).toBe(0);
    expect(run.json.findings).toEqual([]);
    expect(run.json.summary.files).toBe(1);
  });

  it('scans only the staged files, not committed or unstaged ones', () => {
    const repo = new GitRepo().write({ 'policy.yaml': POLICY, 'src/old.ts': UA }).stage().commit('legacy');
    repo.write({ 'src/new.ts': UA, 'src/untracked.ts': UA }).stage('src/new.ts');
    expect(located(check(repo, '--staged').json)).toEqual(['src/new.ts:1 undisclosed']);
  });

  it('works before the first commit, with odd file names, and skips deletions', () => {
    const repo = new GitRepo().write({ 'policy.yaml': POLICY, 'src/gone.ts': UA, 'src/my file ü.ts': UA }).stage();
    expect(located(check(repo, '--staged').json)).toEqual(['src/gone.ts:1 undisclosed', 'src/my file ü.ts:1 undisclosed']);
    repo.commit('start');
    repo.git('rm', '--quiet', 'src/gone.ts');
    repo.git('mv', 'src/my file ü.ts', 'src/renamed.ts');
    expect(located(check(repo, '--staged').json)).toEqual(['src/renamed.ts:1 undisclosed']);
  });

  it('reports a staged binary blob instead of skipping it silently', () => {
    const repo = new GitRepo().write({ 'policy.yaml': POLICY }).stage().commit('start');
    fs.writeFileSync(path.join(repo.dir, 'blob.js'), Buffer.from([0x66, 0x00, 0x01, 0x02]));
    repo.stage('blob.js');
    expect(check(repo, '--staged').json.warnings).toEqual([{ file: 'blob.js', message: 'skipped: binary content' }]);
  });

  it('narrows the staged files to the path arguments, reported relative to a folder argument', () => {
    const repo = new GitRepo().write({ 'apps/web/policy.yaml': POLICY, 'apps/api/policy.yaml': POLICY }).stage().commit('start');
    repo.write({ 'apps/web/src/ua.ts': UA, 'apps/api/src/ua.ts': UA }).stage();
    const run = check(repo, 'apps/web', '--staged');
    expect(located(run.json)).toEqual(['src/ua.ts:1 undisclosed']);
  });

  it('is a usage error outside a git repository, or with --since as well', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-lint-no-git-'));
    fs.writeFileSync(path.join(dir, 'policy.yaml'), POLICY);
    const outside = runCli(['check', '--staged'], { cwd: dir, env: { GIT_CEILING_DIRECTORIES: path.dirname(dir) } });
    expect(outside.status).toBe(2);
    expect(outside.stderr).toContain('is not inside a git repository');
    const repo = new GitRepo().write({ 'policy.yaml': POLICY }).stage().commit('start');
    expect(check(repo, '--staged', '--since', 'main').status).toBe(2);
  });
});

describe('check with file arguments (lint-staged)', () => {
  it('scans exactly the files named, and nothing else', () => {
    const repo = new GitRepo().write({ 'policy.yaml': POLICY, 'src/a.ts': UA, 'src/b.ts': UA, 'src/c.ts': UA });
    expect(located(check(repo, 'src/a.ts', 'src/c.ts').json)).toEqual(['src/a.ts:1 undisclosed', 'src/c.ts:1 undisclosed']);
  });
});

describe('check --since', () => {
  function branched(): GitRepo {
    const repo = new GitRepo().write({ 'policy.yaml': POLICY, 'src/legacy.ts': UA, 'src/edit.ts': CLEAN, 'src/drop.ts': CLEAN }).stage().commit('main');
    repo.git('checkout', '--quiet', '-b', 'feature');
    repo.write({ 'src/edit.ts': `${CLEAN}${UA}`, 'src/added.ts': UA }).remove('src/drop.ts').stage().commit('feature work');
    return repo;
  }

  it('scans only what changed since the merge base, skipping deleted files', () => {
    const repo = branched();
    // main moves on after the branch point: its new files are not the branch's changes.
    repo.git('checkout', '--quiet', 'main');
    repo.write({ 'src/main-only.ts': UA }).stage().commit('main moves on');
    repo.git('checkout', '--quiet', 'feature');
    const run = check(repo, '--since', 'main');
    expect(run.status).toBe(1);
    expect(located(run.json)).toEqual(['src/added.ts:1 undisclosed', 'src/edit.ts:2 undisclosed']);
    expect(run.json.summary.files).toBe(2);
  });

  it('includes work-tree edits to tracked files', () => {
    const repo = branched().write({ 'src/legacy.ts': `${UA}// touched\n` });
    expect(located(check(repo, '--since', 'main').json)).toContain('src/legacy.ts:1 undisclosed');
  });

  it('is a usage error for an unknown ref or one that looks like an option', () => {
    const repo = branched();
    const unknown = check(repo, '--since', 'no-such-branch');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--since no-such-branch: no such commit or branch');
    const option = runCli(['check', '--since=--output=x'], { cwd: repo.dir });
    expect(option.status).toBe(2);
    expect(option.stderr).toContain('needs a git ref');
  });
});
