import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applySuppressions, parseSuppressions } from '../src/engine/suppressions.js';
import { scan } from '../src/scan.js';
import type { RawFinding } from '../src/types.js';

const finding = (line: number, over: Partial<RawFinding> = {}): RawFinding => ({
  rule: 'react-native-device-info/advertising-id',
  category: 'device.id.advertising',
  thirdParty: null,
  file: 'src/a.ts',
  line,
  column: 1,
  endLine: line,
  endColumn: 10,
  evidence: 'getAdvertisingId()',
  origin: 'code',
  ...over,
});

const targets = (text: string) => parseSuppressions(text).map((s) => ({ line: s.line, ids: s.ids, reason: s.reason, malformed: s.malformed }));

describe('parseSuppressions', () => {
  it('reads next-line and same-line directives in every comment style', () => {
    const text = [
      '// privacy-lint-disable-next-line device.id.advertising -- consented ad attribution', // 1
      'a();',
      'b(); // privacy-lint-disable-line umeng -- disclosed in the Chinese policy', // 3
      '# privacy-lint-disable-next-line network.ip -- load balancer logs', // 4
      'c',
      '<!-- privacy-lint-disable-next-line hotjar -- session replay behind consent -->', // 6
      'd',
      '/** privacy-lint-disable-next-line a/b, c -- two ids */', // 8
      'e',
    ].join('\n');
    expect(targets(text)).toEqual([
      { line: 2, ids: ['device.id.advertising'], reason: 'consented ad attribution', malformed: undefined },
      { line: 3, ids: ['umeng'], reason: 'disclosed in the Chinese policy', malformed: undefined },
      { line: 5, ids: ['network.ip'], reason: 'load balancer logs', malformed: undefined },
      { line: 7, ids: ['hotjar'], reason: 'session replay behind consent', malformed: undefined },
      { line: 9, ids: ['a/b', 'c'], reason: 'two ids', malformed: undefined },
    ]);
  });

  it('applies a multi-line block comment to the line after it closes', () => {
    const text = ['/* privacy-lint-disable-next-line network.ip -- reason', '   spread over lines */', 'f();'].join('\n');
    expect(targets(text)[0]!.line).toBe(3);
  });

  it('does not take text below a bare comment marker for a directive', () => {
    expect(parseSuppressions('//\nprivacy-lint-disable-next-line network.ip -- not in a comment\nf();')).toEqual([]);
  });

  it('reads CRLF line endings and a reason written right after --', () => {
    expect(targets('// privacy-lint-disable-next-line network.ip --proxies\r\nf();\r\n')).toEqual([
      { line: 2, ids: ['network.ip'], reason: 'proxies', malformed: undefined },
    ]);
  });

  it('marks a directive without a reason, without ids, or of an unknown form as malformed', () => {
    const [noReason, emptyReason, noIds, unknownForm, typo] = parseSuppressions(
      [
        '// privacy-lint-disable-next-line network.ip',
        '// privacy-lint-disable-next-line network.ip --   ',
        '// privacy-lint-disable-next-line -- we need it',
        '// privacy-lint-disable network.ip -- whole file',
        '// privacy-lint-disable-next-lines network.ip -- typo',
      ].join('\n'),
    );
    expect(noReason!.malformed).toMatch(/needs a reason/);
    expect(emptyReason!.malformed).toMatch(/needs a reason/);
    expect(noIds!.malformed).toMatch(/must name what it suppresses/);
    expect(unknownForm!.malformed).toMatch(/unknown directive privacy-lint-disable:/);
    expect(typo!.malformed).toMatch(/unknown directive privacy-lint-disable-next-lines/);
  });
});

describe('applySuppressions', () => {
  const apply = (directive: string, findings: RawFinding[]) => applySuppressions('src/a.ts', findings, parseSuppressions(`${directive}\nx();\n`));

  it('matches a rule id, a rule family, a parent category and an SDK id', () => {
    const sdk = finding(2, { rule: 'sdks/umeng/init', category: null, thirdParty: 'umeng' });
    for (const id of ['react-native-device-info/advertising-id', 'react-native-device-info', 'device.id', 'device.id.advertising']) {
      const { suppressed, warnings } = apply(`// privacy-lint-disable-next-line ${id} -- consented`, [finding(2), sdk]);
      expect([...suppressed]).toEqual([finding(2)]);
      expect(warnings).toEqual([]);
    }
    expect([...apply('// privacy-lint-disable-next-line umeng -- disclosed', [finding(2), sdk]).suppressed]).toEqual([sdk]);
  });

  it('does not let a category prefix match a sibling, or a directive reach another line', () => {
    const { suppressed, warnings } = apply('// privacy-lint-disable-next-line device.id.adv -- typo', [finding(2), finding(3)]);
    expect(suppressed.size).toBe(0);
    expect(warnings).toEqual([{ file: 'src/a.ts', message: 'line 1: unused privacy-lint-disable directive (no finding for device.id.adv on line 2)' }]);
  });

  it('suppresses nothing for a malformed directive, and says so', () => {
    const { suppressed, warnings } = apply('// privacy-lint-disable-next-line device.id.advertising', [finding(2)]);
    expect(suppressed.size).toBe(0);
    expect(warnings).toEqual([{ file: 'src/a.ts', message: 'line 1: privacy-lint-disable-next-line needs a reason after " -- "; nothing was suppressed' }]);
  });

  it('gives the same answer when the same directives are applied twice', () => {
    const directives = parseSuppressions('// privacy-lint-disable-next-line device.id -- consented\nx();\n');
    const once = applySuppressions('src/a.ts', [finding(2)], directives);
    const twice = applySuppressions('src/a.ts', [finding(3)], directives);
    expect(once.warnings).toEqual([]);
    expect(twice.warnings).toHaveLength(1);
  });
});

describe('suppressions in a scan', () => {
  it('never hides a contradiction, and warns that the directive did nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-lint-suppress-'));
    fs.writeFileSync(path.join(dir, 'policy.yaml'), 'version: 1\ncollects:\n  - locale.language\ndoes_not_collect:\n  - browser.user_agent\n');
    fs.writeFileSync(
      path.join(dir, 'a.ts'),
      [
        '// privacy-lint-disable-next-line browser.user_agent -- we promised not to, but...',
        'export const ua = navigator.userAgent;',
        '',
      ].join('\n'),
    );
    const result = await scan({ cwd: dir });
    expect(result.findings.map((f) => [f.status, f.problems])).toEqual([['undisclosed', ['undisclosed-category', 'contradicted']]]);
    expect(result.warnings).toEqual([
      { file: 'a.ts', message: 'line 2: privacy-lint-disable cannot suppress web/user-agent/user-agent: policy.yaml promises never to collect browser.user_agent (does_not_collect)' },
    ]);
  });
});
