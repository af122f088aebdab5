import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Disclosure, extractDisclosures } from '../src/policy-text/index.js';

/**
 * Each file in fixtures/policy-text/cases marks the disclosures expected on the next line with
 * `<!-- expect: party:[!]category[@sdk], ... -->` (`-` for the category of a statement that only
 * names an SDK, `!` for a negated statement). Every disclosure must be marked and every marker
 * matched: no Missing, no Extra. `valid.*` files hold near misses and no marker at all.
 */
const CASES = path.resolve(import.meta.dirname, '../fixtures/policy-text/cases');

function marker(d: Disclosure): string {
  return `${d.line} ${d.party}:${d.negated ? '!' : ''}${d.category ?? '-'}${d.thirdParty ? `@${d.thirdParty}` : ''}`;
}

function expectations(text: string): string[] {
  const out: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const m = /<!--\s*expect:\s*(.*?)\s*-->/.exec(line);
    if (!m) return;
    for (const token of m[1]!.split(/\s*,\s*/).filter(Boolean)) out.push(`${i + 2} ${token}`);
  });
  return out.sort();
}

const files = fs.readdirSync(CASES).filter((f) => /\.(?:md|html)$/.test(f)).sort();

describe('policy text cases', () => {
  it('has a near-miss file', () => {
    expect(files.some((f) => f.startsWith('valid.'))).toBe(true);
  });

  for (const file of files) {
    it(`${file}: no Missing, no Extra`, () => {
      const text = fs.readFileSync(path.join(CASES, file), 'utf8');
      const expected = expectations(text);
      const actual = [...new Set(extractDisclosures(text, file).disclosures.map(marker))].sort();
      expect({ missing: expected.filter((e) => !actual.includes(e)), extra: actual.filter((a) => !expected.includes(a)) }).toEqual({ missing: [], extra: [] });
      if (file.startsWith('valid.')) expect(expected).toEqual([]);
    });
  }
});
