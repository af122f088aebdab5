import type { RawFinding, RuleDefinition } from '../../types.js';
import type { ScanContext } from '../scanner.js';
import { LineIndex } from '../text.js';
import { ANDROID_NS, permissionFindings } from './android-manifest.js';
import { lookup, namedFinding } from './named-rules.js';
import { attribute, childElements, descendants, textOf, type XmlElement } from './xml-tree.js';

/**
 * A Cordova `config.xml`: the `<plugin>`s it installs (npm packages, judged by the package rules),
 * the Info.plist keys it writes through `<edit-config>` / `<config-file>`, and the Android
 * permissions it adds inside `<config-file target="AndroidManifest.xml">`.
 */
export function scanCordovaConfig(root: XmlElement, file: string, text: string, ctx: ScanContext): RawFinding[] {
  const lines = new LineIndex(text);
  const findings: RawFinding[] = [];
  const add = (rules: RuleDefinition[], element: XmlElement, type: 'plist-key' | 'package') => {
    for (const rule of rules) {
      findings.push(type === 'package' ? lines.finding(rule, file, element.start, element.openEnd) : namedFinding(lines, rule, file, element.start, element.openEnd, type));
    }
  };
  for (const element of descendants(root)) {
    if (element.name === 'plugin') {
      const name = attribute(element, '', 'name', '');
      if (name) add(ctx.index.packages.get(name) ?? [], element, 'package');
    } else if (element.name === 'edit-config' || element.name === 'config-file') {
      const key = plistKeyWritten(element);
      if (key) add(lookup(ctx.index, 'plist-key', [key, ...stringValues(element).map((v) => `${key}=${v}`)]), element, 'plist-key');
    } else if (element.name === 'uses-permission') {
      const name = attribute(element, ANDROID_NS, 'name', 'android');
      if (name) findings.push(...permissionFindings(element, name, file, lines, ctx));
    }
  }
  return findings;
}

/** The Info.plist key an `<edit-config target="KEY" file="*-Info.plist">` or `<config-file parent="KEY" target="*-Info.plist">` writes. */
function plistKeyWritten(element: XmlElement): string | undefined {
  const plistFile = element.name === 'edit-config' ? attribute(element, '', 'file', '') : attribute(element, '', 'target', '');
  if (!plistFile || !/\.plist$/i.test(plistFile)) return undefined;
  const key = element.name === 'edit-config' ? attribute(element, '', 'target', '') : attribute(element, '', 'parent', '');
  // An XPath (`/plist/dict`) addresses a place, not a key.
  return key && !key.startsWith('/') ? key : undefined;
}

function stringValues(element: XmlElement): string[] {
  return [...descendants(element)].filter((e) => e.name === 'string' && childElements(e).length === 0).map((e) => textOf(e).trim());
}
