import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { RawFinding } from '../../types.js';
import type { Scanner } from '../scanner.js';
import { LineIndex } from '../text.js';
import { lookup, namedFinding } from './named-rules.js';
import { podNames } from './pod-names.js';

/**
 * `Podfile.lock`: every pod the app installs under `PODS`, the transitive ones included (Firebase
 * brings GoogleAppMeasurement), since all of them ship in the app.
 */
export const podfileLockScanner: Scanner = {
  scan(input, ctx) {
    const doc = parseDocument(input.text);
    const warnings = doc.errors.length > 0 ? [{ file: input.file, message: `could not parse Podfile.lock: ${doc.errors[0]!.message.split('\n')[0]}` }] : [];
    const pods = doc.get('PODS', true);
    if (!isSeq(pods)) return { findings: [], warnings };
    const lines = new LineIndex(input.text);
    const findings: RawFinding[] = [];
    for (const item of pods.items) {
      // `- Name (1.0)` or, with dependencies, `- Name (1.0):` followed by a list.
      const node = isMap(item) ? item.items[0]?.key : item;
      if (!isScalar(node) || typeof node.value !== 'string' || !node.range) continue;
      const name = node.value.replace(/\s*\(.*\)\s*$/, '');
      for (const rule of lookup(ctx.index, 'pod', podNames(name))) findings.push(namedFinding(lines, rule, input.file, node.range[0], node.range[1], 'pod'));
    }
    return { findings, warnings };
  },
};
