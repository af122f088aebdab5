import type { RawFinding } from '../../types.js';
import type { ScanContext } from '../scanner.js';
import { LineIndex } from '../text.js';
import { lookup, namedFinding } from './named-rules.js';
import { attribute, descendants, type XmlElement } from './xml-tree.js';

export const ANDROID_NS = 'http://schemas.android.com/apk/res/android';
const TOOLS_NS = 'http://schemas.android.com/tools';
const PERMISSION_ELEMENTS = new Set(['uses-permission', 'uses-permission-sdk-23', 'uses-permission-sdk-m']);

/**
 * Permissions and `<meta-data>` keys of an AndroidManifest.xml. An element marked
 * `tools:node="remove"` takes the permission or key away from the merged manifest (apps remove
 * AD_ID merged in by Firebase this way), so it is not reported.
 */
export function scanAndroidManifest(root: XmlElement, file: string, text: string, ctx: ScanContext): RawFinding[] {
  const lines = new LineIndex(text);
  const findings: RawFinding[] = [];
  for (const element of descendants(root)) {
    if (/^remove/.test(attribute(element, TOOLS_NS, 'node', 'tools') ?? '')) continue;
    const name = attribute(element, ANDROID_NS, 'name', 'android');
    if (!name) continue;
    if (PERMISSION_ELEMENTS.has(element.name)) {
      findings.push(...permissionFindings(element, name, file, lines, ctx));
    } else if (element.name === 'meta-data') {
      for (const rule of lookup(ctx.index, 'meta-data', [name])) findings.push(namedFinding(lines, rule, file, element.start, element.openEnd, 'meta-data'));
    }
  }
  return findings;
}

/**
 * The findings of one `<uses-permission>` element, wherever it appears (a manifest, a Cordova
 * `config-file` block). `usesPermissionFlags="neverForLocation"` asserts the app derives no
 * location from the permission (Wi-Fi and Bluetooth scans), so location rules do not apply to it.
 */
export function permissionFindings(element: XmlElement, name: string, file: string, lines: LineIndex, ctx: ScanContext): RawFinding[] {
  const neverForLocation = /\bneverForLocation\b/.test(attribute(element, ANDROID_NS, 'usesPermissionFlags', 'android') ?? '');
  return lookup(ctx.index, 'permission', [name])
    .filter((rule) => !(neverForLocation && rule.category?.startsWith('location')))
    .map((rule) => namedFinding(lines, rule, file, element.start, element.openEnd, 'permission'));
}
