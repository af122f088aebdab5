import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePolicyBytes, extractDisclosures, summarizeDisclosures } from '../src/policy-text/index.js';

/** The two published policies the project started from (../shared/seeds), read exactly. */
const SEEDS = path.resolve(import.meta.dirname, '../fixtures/policy-text/seeds');
const SEED_000 = '000_e9d209c28fbad905.txt';
const SEED_001 = '001_1f9e1a36ace005b1.txt';

function read(file: string) {
  const text = decodePolicyBytes(fs.readFileSync(path.join(SEEDS, file)));
  const extraction = extractDisclosures(text, file);
  return { text, extraction, summary: summarizeDisclosures(extraction.disclosures) };
}

/** The domains the code scanner detects: what a published policy must get right for `check`. */
function scanned(categories: Iterable<string>): string[] {
  return [...categories].filter((c) => /^(?:device|network|browser|locale|tracking|location)(?:\.|$)/.test(c)).sort();
}

/** What the app itself records besides the scanned domains: accounts, page records, transactions, contact details. */
const SEED_OTHER_CATEGORIES = ['account.credentials', 'contact_info', 'contact_info.postal_address', 'financial.transaction', 'usage.page_views'];
const SEED_APP_CATEGORIES = ['browser.user_agent', 'device.info', 'locale.language', 'network.ip', 'tracking.cookie'];
/** Umeng's standard disclosure: MAC, "unique device identifier" (IMEI/Android ID/IDFA/OpenUDID/GUID, SIM IMSI), IP, location. */
const SEED_SDK_CATEGORIES = [
  'device.id',
  'device.id.advertising',
  'device.id.android_id',
  'device.id.generated',
  'device.id.imei',
  'device.id.imsi',
  'device.id.mac',
  'location',
  'network.ip',
];

describe('seed 000: the app and its Umeng and App Center SDKs', () => {
  const { extraction, summary } = read(SEED_000);

  it('names exactly the Umeng ("Alliance +SDK") and App Center SDKs', () => {
    expect([...summary.thirdParties.keys()].sort()).toEqual(['appcenter', 'umeng']);
  });

  it('attributes the device identifiers, IP address and location to each SDK sentence', () => {
    expect([...summary.thirdParties.get('umeng')!.receives.keys()].sort()).toEqual(SEED_SDK_CATEGORIES);
    expect([...summary.thirdParties.get('appcenter')!.receives.keys()].sort()).toEqual(SEED_SDK_CATEGORIES);
    const sdkLines = extraction.disclosures.filter((d) => d.thirdParty !== null).map((d) => `${d.thirdParty}:${d.line}`);
    expect(new Set(sdkLines)).toEqual(new Set(['umeng:34', 'appcenter:35']));
  });

  it('reads what the app itself records: IP address, browser type, language, cookies, hardware and software features', () => {
    expect([...summary.collects.keys()].sort()).toEqual([...SEED_APP_CATEGORIES, ...SEED_OTHER_CATEGORIES].sort());
    expect(scanned(summary.collects.keys())).toEqual(SEED_APP_CATEGORIES);
    for (const category of SEED_APP_CATEGORIES) expect(summary.collects.get(category)!.party).toBe('first');
  });

  it('discloses, all parties together, exactly the expected categories in the scanned domains', () => {
    const all = new Set([...summary.collects.keys(), ...[...summary.thirdParties.values()].flatMap((t) => [...t.receives.keys()])]);
    expect(scanned(all)).toEqual([...new Set([...SEED_APP_CATEGORIES, ...SEED_SDK_CATEGORIES])].sort());
  });

  it('promises nothing it does not collect', () => {
    expect(summary.doesNotCollect.size).toBe(0);
  });

  it('quotes the SDK sentence', () => {
    const imei = extraction.disclosures.find((d) => d.thirdParty === 'umeng' && d.category === 'device.id.imei')!;
    expect(imei).toEqual({
      category: 'device.id.imei',
      thirdParty: 'umeng',
      party: 'third',
      negated: false,
      line: 34,
      quote: expect.stringContaining('Alliance +SDK needs to collect your device Mac address, unique device identifier (IMEI/android ID') as string,
    });
  });
});

describe('seed 001: the app alone', () => {
  const { text, summary } = read(SEED_001);

  it('reads IP address, browser type, language, cookies and hardware and software features', () => {
    expect([...summary.collects.keys()].sort()).toEqual([...SEED_APP_CATEGORIES, ...SEED_OTHER_CATEGORIES].sort());
    expect(scanned(summary.collects.keys())).toEqual(SEED_APP_CATEGORIES);
  });

  it('finds no device identifier, no location and no SDK in its generic third-party sentences', () => {
    expect(summary.thirdParties.size).toBe(0);
    expect([...summary.collects.keys()].filter((c) => c.startsWith('device.id') || c.startsWith('location'))).toEqual([]);
  });

  it('repairs the UTF-8 read as Windows-1252 in "company’s"', () => {
    expect(text).toContain('on our company’s website');
    expect(text).not.toContain('â€');
  });
});
