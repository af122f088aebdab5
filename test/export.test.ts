import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../src/config/catalog.js';
import { playDataSafety } from '../src/reporters/play-data-safety.js';
import { xcprivacy } from '../src/reporters/xcprivacy.js';
import type { Finding, ScanResult } from '../src/types.js';
import { runCli } from './helpers/cli.js';
import { aFinding, aResult } from './helpers/results.js';

const DEMO = 'fixtures/demo-app';
const POLICY = ['--policy', `${DEMO}/policy.seed-000.yaml`];

type Plist = string | boolean | number | Plist[] | { [key: string]: Plist };

/** A property list as plain data; comments are returned beside it. Throws on XML that is not well formed. */
function parsePlist(xml: string): { value: Plist; comments: string[] } {
  const parser = new SaxesParser();
  const comments: string[] = [];
  const stack: { tag: string; items: Plist[]; text: string }[] = [{ tag: '#root', items: [], text: '' }];
  parser.on('comment', (c) => comments.push(c));
  parser.on('opentag', (tag) => stack.push({ tag: tag.name, items: [], text: '' }));
  parser.on('text', (t) => (stack.at(-1)!.text += t));
  parser.on('closetag', () => {
    const node = stack.pop()!;
    const parent = stack.at(-1)!;
    if (node.tag === 'plist') return void parent.items.push(node.items[0]!);
    if (node.tag === 'true' || node.tag === 'false') return void parent.items.push(node.tag === 'true');
    if (node.tag === 'string' || node.tag === 'key') return void parent.items.push(node.text);
    if (node.tag === 'array') return void parent.items.push(node.items);
    if (node.tag === 'dict') {
      const dict: Record<string, Plist> = {};
      for (let i = 0; i < node.items.length; i += 2) dict[node.items[i] as string] = node.items[i + 1]!;
      return void parent.items.push(dict);
    }
    throw new Error(`unexpected <${node.tag}>`);
  });
  parser.write(xml).close();
  return { value: stack[0]!.items[0]!, comments };
}

/** RFC 4180 CSV: quoted cells may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell), rows.push(row), (row = []), (cell = '');
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) row.push(cell), rows.push(row);
  return rows;
}

const finding = (partial: Partial<Finding> & Pick<Finding, 'category'>): Finding => aFinding(partial);
const result = aResult;

interface CollectedDataType {
  NSPrivacyCollectedDataType: string;
  NSPrivacyCollectedDataTypeLinked: boolean;
  NSPrivacyCollectedDataTypeTracking: boolean;
  NSPrivacyCollectedDataTypePurposes: string[];
}

describe('privacy-lint export apple', () => {
  it("writes the demo app's privacy manifest: data types, tracking and purposes with their evidence", () => {
    const run = runCli(['export', 'apple', DEMO, ...POLICY]);
    expect(run.status, run.stderr).toBe(0);
    const { value, comments } = parsePlist(run.stdout);
    const manifest = value as unknown as { NSPrivacyTracking: boolean; NSPrivacyCollectedDataTypes: CollectedDataType[] };
    // Umeng collects the advertising id by default: that is tracking.
    expect(manifest.NSPrivacyTracking).toBe(true);
    const types = new Map(manifest.NSPrivacyCollectedDataTypes.map((t) => [t.NSPrivacyCollectedDataType, t]));
    // Device ids from the SDKs (analytics, and advertising for the advertising id), the server's session cookie (app functionality).
    expect(types.get('NSPrivacyCollectedDataTypeDeviceID')).toEqual({
      NSPrivacyCollectedDataType: 'NSPrivacyCollectedDataTypeDeviceID',
      NSPrivacyCollectedDataTypeLinked: false,
      NSPrivacyCollectedDataTypeTracking: true,
      NSPrivacyCollectedDataTypePurposes: [
        'NSPrivacyCollectedDataTypePurposeAppFunctionality',
        'NSPrivacyCollectedDataTypePurposeAnalytics',
        'NSPrivacyCollectedDataTypePurposeThirdPartyAdvertising',
      ],
    });
    // The server reads the IP itself (app functionality); Umeng and App Center derive location from it.
    expect(types.get('NSPrivacyCollectedDataTypeCoarseLocation')?.NSPrivacyCollectedDataTypePurposes).toEqual([
      'NSPrivacyCollectedDataTypePurposeAppFunctionality',
      'NSPrivacyCollectedDataTypePurposeAnalytics',
    ]);
    expect(types.get('NSPrivacyCollectedDataTypeOtherDiagnosticData')?.NSPrivacyCollectedDataTypeTracking).toBe(false);
    expect(comments.some((c) => /device\.id\.imei.*collected by .*Umeng\+; evidence: \S+:\d+/.test(c))).toBe(true);
    expect(run.stdout).not.toContain('NSPrivacyAccessedAPITypes');
  });

  it('declares no tracking when nothing identifies the device across companies, and links identity data', () => {
    const { value } = parsePlist(xcprivacy(result([finding({ category: 'contact_info.email' }), finding({ category: 'locale.language', thirdParty: 'sentry' })])));
    const manifest = value as unknown as { NSPrivacyTracking: boolean; NSPrivacyTrackingDomains?: string[]; NSPrivacyCollectedDataTypes: CollectedDataType[] };
    expect(manifest.NSPrivacyTracking).toBe(false);
    expect(manifest.NSPrivacyTrackingDomains).toBeUndefined();
    expect(manifest.NSPrivacyCollectedDataTypes.map((t) => [t.NSPrivacyCollectedDataType, t.NSPrivacyCollectedDataTypeLinked])).toEqual([
      ['NSPrivacyCollectedDataTypeEmailAddress', true],
      ['NSPrivacyCollectedDataTypeOtherDiagnosticData', false],
    ]);
  });

  it('stays well-formed XML whatever the file names hold', () => {
    const xml = xcprivacy(result([finding({ category: 'device.id.advertising', file: 'src/--><evil>&"\u0001.ts' })]));
    const { comments } = parsePlist(xml);
    expect(comments.join('')).toContain('src/- -><evil>&"');
  });
});

describe('privacy-lint export play', () => {
  const HEADER = ['Question ID (machine readable)', 'Response ID (machine readable)', 'Response value', 'Answer requirement', 'Human-friendly question label'];
  const value = (rows: string[][], question: string, response: string) => rows.find((r) => r[0] === question && r[1] === response)?.[2];

  it("writes the demo app's Data safety answers in Play Console's CSV format", () => {
    const run = runCli(['export', 'play', DEMO, ...POLICY]);
    expect(run.status, run.stderr).toBe(0);
    const rows = parseCsv(run.stdout);
    expect(rows[0]).toEqual(HEADER);
    for (const row of rows) expect(row).toHaveLength(5);
    expect(value(rows, 'PSL_DATA_COLLECTION_COLLECTS_PERSONAL_DATA', '')).toBe('true');
    const selected = rows.filter((r) => r[0]!.startsWith('PSL_DATA_TYPES_') && r[2] === 'true').map((r) => r[1]);
    expect(selected).toEqual(expect.arrayContaining(['PSL_APPROX_LOCATION', 'PSL_PERFORMANCE_DIAGNOSTICS', 'PSL_DEVICE_ID']));
    expect(selected).not.toContain('PSL_CONTACTS');
    const usage = (type: string, part: string, response: string) => value(rows, `PSL_DATA_USAGE_RESPONSES:${type}:${part}`, response);
    expect(usage('PSL_DEVICE_ID', 'PSL_DATA_USAGE_COLLECTION_AND_SHARING', 'PSL_DATA_USAGE_ONLY_COLLECTED')).toBe('true');
    // Umeng and App Center receive the ids: shared, for analytics (and advertising: the advertising id).
    expect(usage('PSL_DEVICE_ID', 'PSL_DATA_USAGE_COLLECTION_AND_SHARING', 'PSL_DATA_USAGE_ONLY_SHARED')).toBe('true');
    expect(usage('PSL_DEVICE_ID', 'DATA_USAGE_SHARING_PURPOSE', 'PSL_ADVERTISING')).toBe('true');
    // Only the app reads device properties: collected, not shared.
    expect(usage('PSL_PERFORMANCE_DIAGNOSTICS', 'PSL_DATA_USAGE_COLLECTION_AND_SHARING', 'PSL_DATA_USAGE_ONLY_SHARED')).toBe('');
    expect(usage('PSL_PERFORMANCE_DIAGNOSTICS', 'DATA_USAGE_COLLECTION_PURPOSE', 'PSL_APP_FUNCTIONALITY')).toBe('true');
    // What code cannot tell is left for the developer.
    expect(value(rows, 'PSL_DATA_COLLECTION_ENCRYPTED_IN_TRANSIT', '')).toBe('');
    expect(usage('PSL_DEVICE_ID', 'PSL_DATA_USAGE_EPHEMERAL', '')).toBe('');
    expect(rows.find((r) => r[1] === 'PSL_DEVICE_ID')?.[4]).toMatch(/^Device or other IDs \(privacy-lint: .*device\.id\.imei.* collected by .*Umeng\+; at [^\s:]+:\d+/);
  });

  it('maps every Play data type the taxonomy uses to a Play Console id', () => {
    const categories = [...loadCatalog().categories.values()];
    const rows = parseCsv(playDataSafety(result(categories.map((c) => finding({ category: c.id })))));
    const labels = new Set(categories.flatMap((c) => c.play));
    const selected = rows.filter((r) => r[0]!.startsWith('PSL_DATA_TYPES_') && r[2] === 'true');
    expect(selected.map((r) => r[4]!.replace(/ \(privacy-lint: .*$/s, '')).sort()).toEqual([...labels].sort());
  });

  it('says nothing is collected for an app that collects nothing', () => {
    const rows = parseCsv(playDataSafety(result([])));
    expect(value(rows, 'PSL_DATA_COLLECTION_COLLECTS_PERSONAL_DATA', '')).toBe('false');
    expect(rows.some((r) => r[0]!.startsWith('PSL_DATA_USAGE_RESPONSES:'))).toBe(false);
  });

  it('quotes cells that hold commas, quotes or line breaks', () => {
    const rows = parseCsv(playDataSafety(result([finding({ category: 'network.ip', file: 'src/a,"b"\nc.ts' })])));
    expect(rows.find((r) => r[1] === 'PSL_APPROX_LOCATION')?.[4]).toContain('src/a,"b"\nc.ts:1');
  });

  it('needs a store to export for', () => {
    const run = runCli(['export', DEMO]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('export needs a store: apple or play');
  });
});
