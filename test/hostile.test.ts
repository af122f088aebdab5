import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../src/config/policy.js';
import { parseRuleFile } from '../src/config/rules.js';
import { ConfigError } from '../src/errors.js';
import { scan } from '../src/index.js';
import { runCli } from './helpers/cli.js';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-lint-hostile-'));
}

function policyProblems(text: string): string[] {
  try {
    parsePolicy(text, 'policy.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n');
    throw error;
  }
  return [];
}

describe('policy.yaml that is broken or hostile', () => {
  it('reports a YAML syntax error with its line and column', () => {
    const problems = policyProblems('version: 1\ncollects:\n  - network.ip\n   - oops: [\n');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(/^policy\.yaml:\d+:\d+/);
  });

  it('reports every problem in one pass: unknown key, unknown category, unknown SDK, wrong type', () => {
    const problems = policyProblems(
      [
        'version: 1',
        'collect:', // unknown key
        '  - network.ip',
        'collects:',
        '  - locaton.precise', // unknown category
        'third_parties:',
        '  - sdk: umenq', // unknown SDK
        '    receives: 42', // wrong type? a scalar is read as a one-item list of a number
        'scan:',
        '  include: {a: 1}', // wrong type
      ].join('\n'),
    );
    expect(problems.join('\n')).toContain('policy.yaml:2:1 collect: unknown key "collect" (did you mean "collects"?)');
    expect(problems.join('\n')).toContain('policy.yaml:5:5 collects[0]: unknown category "locaton.precise" (did you mean "location.precise"?)');
    expect(problems.join('\n')).toContain('policy.yaml:7:10 third_parties[0].sdk: unknown SDK "umenq" (did you mean "umeng"?)');
    expect(problems.join('\n')).toContain('policy.yaml:10:12 scan.include: expected a list, got a mapping');
  });

  it('rejects duplicate keys', () => {
    expect(policyProblems('version: 1\ncollects: []\ncollects: [network.ip]\n').join('\n')).toMatch(/policy\.yaml:3:\d+.*unique/);
  });

  it('does not expand a YAML alias bomb', () => {
    const bomb = [
      'version: 1',
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'collects: *f',
    ].join('\n');
    const started = Date.now();
    const problems = policyProblems(bomb);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(problems.some((p) => /unknown key "a"/.test(p))).toBe(true);
  });

  it('rejects a huge policy file before parsing it, naming the file', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'policy.yaml'), `version: 1\n# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    const run = runCli(['check', dir]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/policy\.yaml:1:1 .*limit/);
  });

  it('rejects an empty policy and an unsupported version', () => {
    expect(policyProblems('').join('\n')).toContain('the policy is empty');
    expect(policyProblems('version: 2\n').join('\n')).toContain('policy.yaml:1:10 version: unsupported version');
  });
});

describe('custom rule files', () => {
  it('rejects a regular expression that could backtrack catastrophically, naming file:line', () => {
    const text = 'docs: https://example.com\nrules:\n  - id: evil\n    category: device.id.imei\n    message: m\n    match:\n      - symbol: { pattern: "(a+)+$" }\n';
    const { problems } = parseRuleFile(text, 'evil.yaml', 'custom/evil');
    expect(problems.map((p) => `${p.file}:${p.line} ${p.message}`)).toEqual([expect.stringMatching(/^evil\.yaml:7 regular expression could backtrack/)]);
  });

  it('names every invalid field of a rule with its line', () => {
    const text = 'rules:\n  - id: Bad Id\n    category: device.id.imie\n    message: m\n    docs: https://example.com\n    match:\n      - frobnicate: [x]\n';
    const { problems } = parseRuleFile(text, 'bad.yaml', 'custom/bad');
    const lines = problems.map((p) => `${p.line} ${p.message}`);
    expect(lines).toContain('2 rule id "Bad Id" must be lower-case letters, digits, dots and dashes');
    expect(lines).toContain('3 unknown category "device.id.imie"');
    expect(lines.some((l) => l.startsWith('7 unknown key "frobnicate"'))).toBe(true);
  });

  it('a folder of invalid rules is a usage error from the CLI', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'rules'));
    fs.writeFileSync(path.join(dir, 'rules', 'x.yaml'), 'rules:\n  - id: x\n');
    const run = runCli(['check', dir, '--rules', path.join(dir, 'rules')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('x.yaml:2:5 rules[0].category: missing key "category"');
  });
});

describe('source files that are broken or hostile', () => {
  it('warns about unparsable code and still finds its collection lexically', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'broken.js'), 'function (( {\n  const ua = navigator.userAgent;\n');
    const result = await scan({ cwd: dir, policy: false });
    expect(result.warnings).toEqual([{ file: 'broken.js', message: expect.stringMatching(/^could not parse \(line \d+, column \d+\).*searched lexically/) }]);
    expect(result.findings.map((f) => `${f.line} ${f.category}`)).toEqual(['2 browser.user_agent']);
  });

  it('survives expressions nested 20,000 deep', async () => {
    const dir = tempDir();
    const depth = 20_000;
    fs.writeFileSync(path.join(dir, 'deep.js'), `const ua = navigator.userAgent;\nconst x = ${'('.repeat(depth)}1${')'.repeat(depth)};\n`);
    fs.writeFileSync(path.join(dir, 'deep-array.js'), `const lang = navigator.language;\nconst y = ${'['.repeat(depth)}${']'.repeat(depth)};\n`);
    const result = await scan({ cwd: dir, policy: false });
    expect(result.findings.map((f) => `${f.file}:${f.line} ${f.category}`)).toEqual(['deep-array.js:1 locale.language', 'deep.js:1 browser.user_agent']);
  });

  it('reads BOM, CRLF, UTF-16 and Latin-1 files and skips binary and huge ones with a warning', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'bom.js'), '\uFEFFconst ua = navigator.userAgent;\r\nconst lang = navigator.language;\r\n');
    fs.writeFileSync(path.join(dir, 'utf16.js'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('const c = document.cookie;\n', 'utf16le')]));
    fs.writeFileSync(path.join(dir, 'latin1.js'), Buffer.from('// caf\xe9\nconst l = navigator.language;\n', 'latin1'));
    fs.writeFileSync(path.join(dir, 'binary.js'), Buffer.from([0x00, 0x01, 0x02, 0x6e, 0x61, 0x76]));
    fs.writeFileSync(path.join(dir, 'huge.js'), `const ua = navigator.userAgent;\n${'// filler\n'.repeat(600_000)}`);
    const result = await scan({ cwd: dir, policy: false });
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.category}`)).toEqual([
      'bom.js:1:12 browser.user_agent',
      'bom.js:2:14 locale.language',
      'latin1.js:2:11 locale.language',
      'utf16.js:1:11 tracking.cookie',
    ]);
    expect(result.warnings).toEqual([
      { file: 'binary.js', message: 'skipped: binary content' },
      { file: 'huge.js', message: expect.stringMatching(/^skipped: \d+ bytes is over the \d+-byte limit/) },
      { file: 'latin1.js', message: 'not valid UTF-8: read as Latin-1' },
    ]);
  });

  it('does not follow a symbolic link loop', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'a'));
    fs.writeFileSync(path.join(dir, 'a', 'app.js'), 'export const l = navigator.language;\n');
    fs.symlinkSync(dir, path.join(dir, 'a', 'loop'), 'dir');
    const result = await scan({ cwd: dir, policy: false });
    expect(result.findings.map((f) => f.file)).toEqual(['a/app.js']);
  });

  it('warns about a file that vanished between discovery and reading', async () => {
    const dir = tempDir();
    fs.symlinkSync(path.join(dir, 'missing-target.js'), path.join(dir, 'dangling.js'));
    fs.writeFileSync(path.join(dir, 'ok.js'), 'export const l = navigator.language;\n');
    const result = await scan({ cwd: dir, policy: false, paths: ['dangling.js', 'ok.js'] }).catch((e: Error) => e);
    // A dangling link named on the command line is a path that cannot be read: a usage error.
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).message).toContain('dangling.js');
  });

  it('never writes into the scanned tree', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'app.js'), 'export const l = navigator.language;\n');
    const before = fs.readdirSync(dir, { recursive: true }).sort();
    await scan({ cwd: dir, policy: false });
    expect(fs.readdirSync(dir, { recursive: true }).sort()).toEqual(before);
  });
});
