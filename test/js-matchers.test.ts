import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRuleFile } from '../src/config/rules.js';
import { ConfigError } from '../src/errors.js';
import { scan } from '../src/index.js';

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-lint-matchers-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

let projects = 0;
/** Scans one source file with the built-in rules plus `rules` (a rule family `t/probe`); returns `line rule` pairs. */
async function findings(source: string, rules: string, file = 'app.js'): Promise<string[]> {
  const root = path.join(temp, `p${projects++}`);
  fs.mkdirSync(path.join(root, 'rules', 't'), { recursive: true });
  fs.writeFileSync(path.join(root, 'rules', 't', 'probe.yaml'), `title: probe\ndocs: https://example.com\nrules:\n${rules}`);
  fs.mkdirSync(path.join(root, 'src'));
  fs.writeFileSync(path.join(root, 'src', file), source);
  const result = await scan({ cwd: root, paths: ['src'], policy: false, rules: [path.join(root, 'rules')] });
  return result.findings.filter((f) => f.rule.startsWith('t/')).map((f) => `${f.line} ${f.rule}`);
}

function problems(yaml: string): string[] {
  return parseRuleFile(`title: t\ndocs: https://example.com\nrules:\n${yaml}`, 'probe.yaml', 't/probe').problems.map((p) => `${p.keyPath}: ${p.message}`);
}

describe('rule file syntax for JavaScript matchers', () => {
  it('expands {a,b} alternatives in paths and names', () => {
    const { rules } = parseRuleFile(
      'title: t\ndocs: https://x.dev\nrules:\n  - id: r\n    category: location.precise\n    message: m\n    match:\n      - global: { path: ["{wx,uni}.{getLocation,chooseLocation}"] }\n',
      'probe.yaml',
      't/probe',
    );
    expect(rules[0]!.match[0]).toMatchObject({ type: 'global', paths: ['wx.getLocation', 'wx.chooseLocation', 'uni.getLocation', 'uni.chooseLocation'] });
  });

  it('reports unbalanced braces, conditions built from non-JavaScript matchers and unsafe argument patterns', () => {
    const rule = (matcher: string) => `  - id: r\n    category: network.ip\n    message: m\n    match:\n      - ${matcher}\n`;
    expect(problems(rule('global: { path: ["{wx,uni.getLocation"] }'))).toEqual([
      'rules[0].match[0].global.path: unbalanced or empty braces in "{wx,uni.getLocation"',
    ]);
    expect(problems(rule('member: { names: [toDataURL], with: [{ package: [left-pad] }] }'))).toEqual([
      'rules[0].match[0].member.with[0].package: a condition matcher must be one of: import, global, local, member, call-arg, url',
    ]);
    expect(problems(rule('global: { path: [localStorage.setItem], arg-pattern: "(a+)+$" }'))[0]).toMatch(/^rules\[0\]\.match\[0\]\.global\.arg-pattern: /);
    expect(problems(rule('member: { names: [x], with: [{ member: { names: [y], with: [{ member: { names: [z] } }] } }] }'))).toEqual([
      'rules[0].match[0].member.with[0].member.with: unknown key "with"',
    ]);
  });

  it('shares a condition list through a YAML alias', () => {
    const yaml = [
      '  - id: a',
      '    category: network.ip',
      '    message: m',
      '    match:',
      '      - member: { names: [x], with: &calls [{ global: { path: [fetch] } }] }',
      '      - member: { names: [y], with: *calls }',
      '',
    ].join('\n');
    const { rules, problems: found } = parseRuleFile(`title: t\ndocs: https://x.dev\nrules:\n${yaml}`, 'probe.yaml', 't/probe');
    expect(found).toEqual([]);
    expect(rules[0]!.match.map((m) => ('when' in m ? m.when?.with?.[0] : undefined))).toEqual([
      { type: 'global', paths: ['fetch'], kind: 'any' },
      { type: 'global', paths: ['fetch'], kind: 'any' },
    ]);
  });

  it('names every problem of a bad rule file in one ConfigError when scanning', async () => {
    await expect(findings('x', '  - id: r\n    category: network.ip\n    message: m\n    match:\n      - member: { names: ["{a"] }\n')).rejects.toBeInstanceOf(ConfigError);
  });
});

describe('member matchers', () => {
  const rule = '  - id: readback\n    category: browser.fingerprint\n    message: m\n    match:\n      - member: { names: [toDataURL], kind: call }\n';

  it('match a property on receivers the code cannot name: parameters, `this`, call results', async () => {
    const source = [
      'export const a = (canvas) => canvas.toDataURL();',
      'export class B { read() { return this.canvas.toDataURL(); } }',
      "export const c = () => document.getElementById('c').toDataURL();",
      'export const d = (c) => HTMLCanvasElement.prototype.toDataURL.call(c);',
    ].join('\n');
    expect(await findings(source, rule)).toEqual(['1 t/probe/readback', '2 t/probe/readback', '3 t/probe/readback', '4 t/probe/readback']);
  });

  it('ignore literals the file builds, imported modules and mere mentions', async () => {
    const source = [
      "import { toDataURL } from 'qrcode';",
      "import * as htmlToImage from 'html-to-image';",
      "export const a = () => toDataURL('text');",
      'export const b = (node) => htmlToImage.toDataURL(node);',
      "const exporter = { toDataURL: () => '' };",
      'export const c = () => exporter.toDataURL();',
      'export const d = (canvas) => canvas.toDataURL; // read, not called',
      "export const e = 'canvas.toDataURL()';",
    ].join('\n');
    expect(await findings(source, rule)).toEqual([]);
  });
});

describe('conditions', () => {
  const rule = [
    '  - id: fp',
    '    category: browser.fingerprint',
    '    message: m',
    '    match:',
    '      - member:',
    '          names: [toDataURL]',
    '          kind: call',
    '          with: [{ member: { names: [fillText], kind: call } }]',
    '          without: [{ member: { names: [drawImage], kind: call } }]',
    '',
  ].join('\n');

  it('judge `with` and `without` in the outermost function around the match', async () => {
    const source = [
      'export function probe(canvas, ctx) {',
      "  ctx.fillText('x', 0, 0);",
      '  return new Promise((resolve) => resolve(canvas.toDataURL()));', // nested arrow: the outer function counts
      '}',
      'export function label(ctx) { ctx.fillText("a", 0, 0); }',
      'export function exportPng(canvas) { return canvas.toDataURL(); }', // text drawn elsewhere
      'export function photo(canvas, ctx, img) {',
      '  ctx.drawImage(img, 0, 0);',
      "  ctx.fillText('caption', 0, 0);",
      '  return canvas.toDataURL();', // an image is drawn: export, not probing
      '}',
    ].join('\n');
    expect(await findings(source, rule)).toEqual(['3 t/probe/fp']);
  });

  it('judge top-level code against the whole file', async () => {
    expect(await findings("ctx.fillText('x', 0, 0);\nexport const data = canvas.toDataURL();\n", rule)).toEqual(['2 t/probe/fp']);
  });

  it('never report the stand-in rules of a condition', async () => {
    const source = "export function f(ctx) { ctx.fillText('x', 0, 0); ctx.drawImage(1, 0, 0); }";
    expect(await findings(source, rule)).toEqual([]);
  });

  it('check `arg-pattern` against literals, constants, member names and options objects', async () => {
    const store = [
      '  - id: stored',
      '    category: device.id.generated',
      '    message: m',
      '    match:',
      "      - global: { path: ['{localStorage,wx}.{setItem,setStorage}'], kind: call, arg-pattern: '^device_?id$' }",
      '',
    ].join('\n');
    const source = [
      "const KEY = 'device_id';",
      "let mutable = 'device_id';",
      "localStorage.setItem('deviceId', 1);",
      'localStorage.setItem(KEY, 1);',
      'localStorage.setItem(KEYS.DEVICE_ID, 1);',
      "wx.setStorage({ key: 'device_id', data: 1 });",
      'localStorage.setItem(mutable, 1);', // not a constant: nothing is stated
      "localStorage.setItem('theme', 1);",
    ].join('\n');
    expect(await findings(source, store)).toEqual(['3 t/probe/stored', '4 t/probe/stored', '5 t/probe/stored', '6 t/probe/stored']);
  });

  it('leave conditional evidence out of the lexical search of a file that does not parse', async () => {
    const source = "export function f(ctx, canvas) { ctx.fillText('x'); return canvas.toDataURL(); }\nconst broken = ;\n";
    expect(await findings(source, rule)).toEqual([]);
  });
});

describe('reference resolution', () => {
  const rule = '  - id: ua\n    category: browser.user_agent\n    message: m\n    match:\n      - global: { path: [navigator.userAgent], kind: read }\n      - header: [x-probe]\n';

  it('follows class fields set once, by an initialiser or in the constructor, through `this`', async () => {
    const source = [
      'export class A {',
      '  nav = window.navigator;',
      '  constructor() { this.alias = navigator; }',
      '  a() { return this.nav.userAgent; }',
      '  b = () => this.alias.userAgent;',
      '  c() { return function () { return this.nav.userAgent; }; }', // a plain function has its own `this`
      '}',
    ].join('\n');
    expect(await findings(source, rule)).toEqual(['4 t/probe/ua', '5 t/probe/ua']);
  });

  it('reports a header once when the chain runs through a fallback', async () => {
    expect(await findings("export const f = (req) => (req.headers['x-probe'] || '').split(',')[0];\n", rule)).toEqual(['1 t/probe/ua']);
  });
});

describe('conditions on matches inside longer chains', () => {
  it('judge the scope of a match that points into the middle of a chain', async () => {
    const rule = [
      '  - id: osc',
      '    category: browser.fingerprint',
      '    message: m',
      '    match:',
      "      - global: { path: [OfflineAudioContext.createOscillator], kind: call, with: [{ global: { path: [OfflineAudioContext.createDynamicsCompressor] } }] }",
      '',
    ].join('\n');
    const source = [
      'export function f() {',
      '  const ctx = new OfflineAudioContext(1, 5000, 44100);',
      '  const comp = ctx.createDynamicsCompressor();',
      '  ctx.createOscillator().connect(comp);',
      '}',
    ].join('\n');
    expect(await findings(source, rule)).toEqual(['4 t/probe/osc']);
  });
});

describe('feature detection', () => {
  it('is not collection: existence tests of the matched member and typeof are skipped, reads are not', async () => {
    const rule = '  - id: geo\n    category: location.precise\n    message: m\n    match:\n      - global: { path: [navigator.geolocation] }\n      - local: { path: [req.cookies] }\n';
    const source = [
      'export const a = () => { if (navigator.geolocation) return 1; };',
      'export const b = () => !navigator.geolocation;',
      "export const c = () => typeof navigator.geolocation.getCurrentPosition === 'function';",
      'export const d = () => navigator.geolocation !== undefined && navigator.geolocation.getCurrentPosition(() => 0);',
      'export const e = (req) => (req.cookies.session ? 1 : 0);', // reads a cookie value
    ].join('\n');
    expect(await findings(source, rule)).toEqual(['4 t/probe/geo', '5 t/probe/geo']);
  });
});
