import YAML from 'yaml';
import { covers } from '../config/catalog.js';
import type { Finding, RuleDefinition, ScanResult } from '../types.js';
import { isCapability } from './capabilities.js';
import { isSdkDefault } from './finding-groups.js';
import { categoryName, sdkShortName } from './messages.js';

const EVIDENCE_SHOWN = 3;

export interface DraftOptions {
  rules: ReadonlyMap<string, RuleDefinition>;
  /** The app's name for `app:`, when known. */
  app?: string;
}

/**
 * A draft policy.yaml declaring what a scan found: the app's own categories under `collects`, and
 * every SDK under `third_parties` with everything it receives, its documented default collection
 * included. Each entry is commented with its evidence (file:line), so a reviewer can check it.
 * Checking the same code against the draft finds nothing undisclosed.
 */
export function draftPolicy(result: ScanResult, options: DraftOptions): string {
  const findings = result.findings.filter((f) => f.category !== null || f.thirdParty !== null);
  const sdks = [...new Set(findings.flatMap((f) => (f.thirdParty ? [f.thirdParty] : [])))].sort(compare);
  const receives = new Map(sdks.map((sdk) => [sdk, unique(findings.filter((f) => f.thirdParty === sdk && f.category !== null).map((f) => f.category!))]));
  // A permission the app declares for an SDK (Umeng needs READ_PHONE_STATE) is disclosed by that
  // SDK's receives; declaring it under collects too would claim the app reads the IMEI itself.
  const isCoveredCapability = (f: Finding) =>
    isCapability(f, options.rules) && [...receives.values()].some((list) => list.some((r) => covers(r, f.category!)));
  const own = findings.filter((f) => f.thirdParty === null && f.category !== null && !isCoveredCapability(f));

  const lines = [
    '# Draft written by `privacy-lint init` from what the code collects today.',
    '# Review every entry with whoever owns the published privacy policy: policy.yaml must say what',
    '# that policy says. Each entry names its evidence (file:line); `privacy-lint explain ID` explains',
    '# a category or SDK. Add `purposes: [...]` where you know them, and `does_not_collect:` for promises.',
    'version: 1',
  ];
  if (options.app) lines.push(`app: ${YAML.stringify(options.app).trim()}`);

  const collects = unique(own.map((f) => f.category!));
  if (collects.length > 0) {
    lines.push('collects:');
    lines.push(...aligned(collects.map((c) => [`  - ${c}`, `${categoryName(c)}: ${evidence(own.filter((f) => f.category === c))}`])));
  }

  if (sdks.length > 0) {
    lines.push('third_parties:');
    for (const sdk of sdks) {
      const presence = findings.filter((f) => f.thirdParty === sdk && !isSdkDefault(f));
      const entry = aligned([[`  - sdk: ${sdk}`, `${sdkShortName(sdk)}: ${evidence(presence.length > 0 ? presence : findings.filter((f) => f.thirdParty === sdk))}`]]);
      const categories = receives.get(sdk)!;
      if (categories.length === 0) {
        lines.push(...entry);
        continue;
      }
      const rows: [string, string][] = categories.map((c) => {
        const found = findings.filter((f) => f.thirdParty === sdk && f.category === c);
        const byDefault = found.every(isSdkDefault);
        return [`      - ${c}`, byDefault ? `${categoryName(c)}: collected by default, per the SDK's documentation` : `${categoryName(c)}: ${evidence(found.filter((f) => !isSdkDefault(f)))}`];
      });
      lines.push(...entry, '    receives:', ...aligned(rows));
    }
  }
  if (collects.length === 0 && sdks.length === 0) lines.push('# The scan found no personal data and no SDK: nothing to declare yet.', 'collects: []');
  return `${lines.join('\n')}\n`;
}

/** `file:line` of the first few places, then how many more; a comment cannot hold a line break. */
function evidence(findings: readonly Finding[]): string {
  const places = [...new Set(findings.map((f) => `${f.file}:${f.line}`))];
  const shown = places.slice(0, EVIDENCE_SHOWN).join(', ');
  const text = places.length > EVIDENCE_SHOWN ? `${shown} (+${places.length - EVIDENCE_SHOWN} more)` : shown;
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

/** YAML lines with their comments lined up. */
function aligned(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([yaml]) => yaml.length)) + 2;
  return rows.map(([yaml, comment]) => `${yaml.padEnd(width)}# ${comment}`);
}

function unique(items: string[]): string[] {
  return [...new Set(items)].sort(compare);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
