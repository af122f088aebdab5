import type { RawFinding } from '../../types.js';
import type { Scanner } from '../scanner.js';
import { LineIndex } from '../text.js';
import { lookup, namedFinding } from './named-rules.js';
import { parsePlist, plistStrings } from './plist-tree.js';

/**
 * Info.plist (and `*-Info.plist`, other plists such as GoogleService-Info.plist) and
 * `*.entitlements`: each top-level key is looked up by name, and as `KEY=value` for each string it
 * holds (`UIBackgroundModes=location`). A key set to `false` grants nothing and is skipped.
 */
export const plistScanner: Scanner = {
  scan(input, ctx) {
    const plist = parsePlist(input.text);
    const warnings = plist.error ? [{ file: input.file, message: `could not read the property list: ${plist.error}` }] : [];
    if (plist.root?.kind !== 'dict') return { findings: [], warnings };
    const lines = new LineIndex(input.text);
    const findings: RawFinding[] = [];
    for (const entry of plist.root.entries) {
      if (entry.value?.kind === 'boolean' && !entry.value.value) continue;
      const names = [entry.key, ...plistStrings(entry.value).map((v) => `${entry.key}=${v}`)];
      for (const rule of lookup(ctx.index, 'plist-key', names)) {
        findings.push(namedFinding(lines, rule, input.file, entry.keyElement.start, entry.keyElement.end, 'plist-key'));
      }
    }
    return { findings, warnings };
  },
};
