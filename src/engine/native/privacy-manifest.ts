import { LineIndex } from '../text.js';
import { parsePlist, type PlistEntry, plistStrings, type PlistValue } from './plist-tree.js';

/** One entry of `NSPrivacyCollectedDataTypes`. */
export interface DeclaredDataType {
  /** The Apple data type, e.g. `NSPrivacyCollectedDataTypeDeviceID`. */
  type: string;
  linked: boolean | undefined;
  tracking: boolean | undefined;
  /** e.g. `NSPrivacyCollectedDataTypePurposeAnalytics`. */
  purposes: string[];
  /** Line of the entry in the manifest. */
  line: number;
}

/** One entry of `NSPrivacyAccessedAPITypes` (a required-reason API). */
export interface DeclaredApiAccess {
  /** e.g. `NSPrivacyAccessedAPICategoryUserDefaults`. */
  type: string;
  /** e.g. `CA92.1`. */
  reasons: string[];
  line: number;
}

/** What an app's existing PrivacyInfo.xcprivacy already declares. */
export interface PrivacyManifest {
  /** `NSPrivacyTracking`; undefined when the key is absent. */
  tracking: boolean | undefined;
  trackingDomains: string[];
  collectedDataTypes: DeclaredDataType[];
  accessedApiTypes: DeclaredApiAccess[];
  /** Set when the file is not a readable XML property list; what could be read is still returned. */
  error?: string;
}

/**
 * Reads a PrivacyInfo.xcprivacy (an XML property list), so that `export apple` can compare what the
 * scan implies with what the app already ships.
 *
 * @example
 * const declared = readPrivacyManifest(fs.readFileSync('ios/App/PrivacyInfo.xcprivacy', 'utf8'));
 * declared.collectedDataTypes.map((d) => d.type); // ['NSPrivacyCollectedDataTypeDeviceID', ...]
 */
export function readPrivacyManifest(text: string): PrivacyManifest {
  const plist = parsePlist(text);
  const lines = new LineIndex(text);
  const top = plist.root?.kind === 'dict' ? plist.root.entries : [];
  const manifest: PrivacyManifest = {
    tracking: booleanOf(entry(top, 'NSPrivacyTracking')),
    trackingDomains: plistStrings(entry(top, 'NSPrivacyTrackingDomains')),
    collectedDataTypes: dicts(entry(top, 'NSPrivacyCollectedDataTypes')).map((d) => ({
      type: stringOf(entry(d.entries, 'NSPrivacyCollectedDataType')) ?? '',
      linked: booleanOf(entry(d.entries, 'NSPrivacyCollectedDataTypeLinked')),
      tracking: booleanOf(entry(d.entries, 'NSPrivacyCollectedDataTypeTracking')),
      purposes: plistStrings(entry(d.entries, 'NSPrivacyCollectedDataTypePurposes')),
      line: lines.position(d.element.start).line,
    })),
    accessedApiTypes: dicts(entry(top, 'NSPrivacyAccessedAPITypes')).map((d) => ({
      type: stringOf(entry(d.entries, 'NSPrivacyAccessedAPIType')) ?? '',
      reasons: plistStrings(entry(d.entries, 'NSPrivacyAccessedAPITypeReasons')),
      line: lines.position(d.element.start).line,
    })),
  };
  if (plist.error) manifest.error = plist.error;
  else if (plist.root?.kind !== 'dict') manifest.error = 'the property list does not hold a dictionary';
  return manifest;
}

function entry(entries: PlistEntry[], key: string): PlistValue | undefined {
  return entries.find((e) => e.key === key)?.value;
}

function dicts(value: PlistValue | undefined): Extract<PlistValue, { kind: 'dict' }>[] {
  return value?.kind === 'array' ? value.items.filter((v) => v.kind === 'dict') : [];
}

function booleanOf(value: PlistValue | undefined): boolean | undefined {
  return value?.kind === 'boolean' ? value.value : undefined;
}

function stringOf(value: PlistValue | undefined): string | undefined {
  return value?.kind === 'string' ? value.value : undefined;
}
