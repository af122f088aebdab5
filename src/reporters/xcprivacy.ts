import type { ScanResult } from '../types.js';
import { sdkShortName } from './messages.js';
import { type CollectedType, collectedTypes, type StorePurpose } from './store-disclosures.js';

const APPLE_PURPOSES: Record<StorePurpose, string> = {
  'app-functionality': 'NSPrivacyCollectedDataTypePurposeAppFunctionality',
  analytics: 'NSPrivacyCollectedDataTypePurposeAnalytics',
  advertising: 'NSPrivacyCollectedDataTypePurposeThirdPartyAdvertising',
};

/**
 * An Apple privacy manifest (`PrivacyInfo.xcprivacy`) with the collected data types the scan
 * implies. Each entry is preceded by a comment naming its categories, collectors and evidence, so
 * it can be compared with the manifest the app ships. NSPrivacyAccessedAPITypes is left out: the
 * scan does not detect required-reason API use, and an empty list would claim there is none.
 */
export function xcprivacy(result: ScanResult): string {
  const types = collectedTypes(result.findings, 'apple');
  const tracking = types.some((t) => t.tracking);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    '<dict>',
    comment(1, `Drafted by privacy-lint ${result.tool.version} from ${result.summary.files} scanned files. Linked, Tracking and Purposes are inferred (see \`privacy-lint export\` in the README): review them before shipping.`),
    '\t<key>NSPrivacyTracking</key>',
    `\t${tracking ? '<true/>' : '<false/>'}`,
  ];
  if (tracking) {
    out.push(
      comment(1, 'Advertising identifiers or fingerprinting were found. List the domains that track users (see each SDK\'s own privacy manifest).'),
      '\t<key>NSPrivacyTrackingDomains</key>',
      '\t<array/>',
    );
  }
  out.push('\t<key>NSPrivacyCollectedDataTypes</key>', '\t<array>');
  for (const t of types) out.push(...dataType(t));
  out.push('\t</array>', '</dict>', '</plist>', '');
  return out.join('\n');
}

function dataType(t: CollectedType): string[] {
  const who = t.collectors.map((c) => (c === null ? 'the app' : sdkShortName(c))).join(', ');
  const places = [...new Set(t.evidence.map((f) => `${f.file}:${f.line}`))];
  const where = places.length > 5 ? `${places.slice(0, 5).join(', ')} (+${places.length - 5} more)` : places.join(', ');
  return [
    comment(2, `${t.categories.join(', ')}; collected by ${who}; evidence: ${where}`),
    '\t\t<dict>',
    '\t\t\t<key>NSPrivacyCollectedDataType</key>',
    `\t\t\t<string>${escapeXml(t.type)}</string>`,
    '\t\t\t<key>NSPrivacyCollectedDataTypeLinked</key>',
    `\t\t\t${t.linked ? '<true/>' : '<false/>'}`,
    '\t\t\t<key>NSPrivacyCollectedDataTypeTracking</key>',
    `\t\t\t${t.tracking ? '<true/>' : '<false/>'}`,
    '\t\t\t<key>NSPrivacyCollectedDataTypePurposes</key>',
    '\t\t\t<array>',
    ...t.purposes.map((p) => `\t\t\t\t<string>${APPLE_PURPOSES[p]}</string>`),
    '\t\t\t</array>',
    '\t\t</dict>',
  ];
}

/** An XML comment; "--" and control characters may not occur inside one, and file names are not trusted. */
function comment(depth: number, text: string): string {
  const safe = text.replace(/[\u0000-\u001f]+/g, ' ').replace(/-(?=-)/g, '- ');
  return `${'\t'.repeat(depth)}<!-- ${safe} -->`;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
