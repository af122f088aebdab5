import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../src/config/rules.js';
import { scan } from '../src/index.js';
import { filesBelow, readExpectations, readSidecar } from './helpers/annotations.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/rules');
const { rules } = loadRules();
const families = [...new Set(rules.map((r) => r.source))].sort();

function expectationsIn(dir: string): string[] {
  return [...filesBelow(dir).flatMap((f) => readExpectations(path.join(dir, f), f)), ...readSidecar(dir)];
}

describe('rule files', () => {
  it('every rule family has a fixture folder', () => {
    const missing = families.filter((family) => !fs.existsSync(path.join(FIXTURES, family)));
    expect(missing).toEqual([]);
  });

  it('every rule has at least one positive fixture', () => {
    const expected = new Set<string>();
    for (const family of families) {
      const dir = path.join(FIXTURES, family);
      if (!fs.existsSync(dir)) continue;
      for (const e of expectationsIn(dir)) expected.add(e.split(' ')[1]!);
    }
    expect(rules.map((r) => r.id).filter((id) => !expected.has(id))).toEqual([]);
  });

  it('every family has near-miss negatives in a valid.* file', () => {
    const missing = families.filter((family) => {
      const dir = path.join(FIXTURES, family);
      return fs.existsSync(dir) && !filesBelow(dir).some((f) => /(^|\/)valid\.[^/]+$/.test(f));
    });
    expect(missing).toEqual([]);
  });
});

describe.each(families)('fixtures/rules/%s', (family) => {
  it('reports exactly the marked findings: no Missing, no Extra', async () => {
    const dir = path.join(FIXTURES, family);
    const expected = expectationsIn(dir).sort();
    const result = await scan({ cwd: dir, policy: false, includeTests: true });
    const actual = [...new Set(result.findings.filter((f) => !f.rule.startsWith('sdk-defaults/')).map((f) => `${f.file}:${f.line} ${f.rule}`))].sort();
    expect(result.warnings).toEqual([]);
    expect(actual).toEqual([...new Set(expected)]);
  });
});
