import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Disclosure, evaluateCorpus, type PolicyTextExtraction } from '../src/policy-text/index.js';
import { loadLabels, scoreCorpus } from '../src/policy-text/score.js';

/**
 * The labelled corpus (fixtures/policy-text/corpus): `dev` was used while building the
 * extractor, `holdout` was written afterwards and not tuned on. `npm run`-free numbers for the
 * README come from `node scripts/policy-text-eval.mjs`.
 */
const CORPUS = path.resolve(import.meta.dirname, '../fixtures/policy-text/corpus');
const FOLDERS = ['dev', 'holdout'];
const MACRO_F1_FLOOR = 0.85;

describe('labelled corpus', () => {
  for (const folder of FOLDERS) {
    it(`${folder}: macro F1 over the nine scored categories is at least ${MACRO_F1_FLOOR}`, () => {
      const result = evaluateCorpus(path.join(CORPUS, folder));
      expect(result.classes.map((c) => c.name)).toEqual(['IMEI', 'advertising id', 'MAC', 'device id', 'IMSI', 'IP address', 'cookies', 'location', 'GPS']);
      expect(result.macroF1).toBeGreaterThanOrEqual(MACRO_F1_FLOOR);
    });
  }

  it('labels every policy in each folder, in English and Chinese, Markdown, HTML and plain text', () => {
    const files = FOLDERS.flatMap((folder) => {
      const labelled = loadLabels(path.join(CORPUS, folder, 'labels.yaml')).map((l) => l.file).sort();
      const present = fs.readdirSync(path.join(CORPUS, folder)).filter((f) => f !== 'labels.yaml').sort();
      expect(labelled).toEqual(present);
      return present;
    });
    expect(files.length).toBeGreaterThanOrEqual(20);
    expect(files.some((f) => f.includes('-zh-'))).toBe(true);
    expect(new Set(files.map((f) => path.extname(f)))).toEqual(new Set(['.md', '.html', '.txt']));
  });
});

describe('scoreCorpus', () => {
  const labels = { file: 'a.md', disclosed: ['device.id.android_id', 'location.precise'], sdks: ['umeng'] };
  const extraction = (disclosures: Partial<Disclosure>[]): PolicyTextExtraction => ({
    version: 1,
    source: 'a.md',
    disclosures: disclosures.map((d) => ({ category: null, thirdParty: null, party: 'first', negated: false, line: 1, quote: '', ...d })),
  });

  it('counts a class once per document, ignores negated statements, and maps ids to classes', () => {
    const result = scoreCorpus([
      {
        labels,
        extraction: extraction([
          { category: 'device.id.android_id' },
          { category: 'device.id.generated' },
          { category: 'location.precise', thirdParty: 'umeng' },
          { category: 'device.id.imei', negated: true },
          { category: 'network.ip' },
        ]),
      },
    ]);
    const by = Object.fromEntries(result.classes.map((c) => [c.name, [c.truePositives, c.falsePositives, c.falseNegatives]]));
    expect(by['device id']).toEqual([1, 0, 0]);
    expect(by.location).toEqual([1, 0, 0]);
    expect(by.GPS).toEqual([1, 0, 0]);
    expect(by.IMEI).toEqual([0, 0, 0]);
    expect(by['IP address']).toEqual([0, 1, 0]);
    expect([result.sdks.truePositives, result.sdks.falsePositives, result.sdks.falseNegatives]).toEqual([1, 0, 0]);
  });

  it('gives precision 1 and recall 0 to a class that is never predicted but labelled', () => {
    const result = scoreCorpus([{ labels, extraction: extraction([]) }]);
    const gps = result.classes.find((c) => c.name === 'GPS')!;
    expect([gps.precision, gps.recall, gps.f1]).toEqual([1, 0, 0]);
  });
});
