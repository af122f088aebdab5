import type { RawFinding } from '../../types.js';
import type { Scanner } from '../scanner.js';
import { LineIndex } from '../text.js';
import { at, items, member, parseJson } from './json-tree.js';
import { lookup, namedFinding } from './named-rules.js';

/**
 * `Package.resolved`, which Xcode keeps inside `.xcodeproj`/`.xcworkspace` for packages added in
 * the IDE (most iOS apps): every pinned repository, in format 1 (`object.pins[].repositoryURL`) and
 * formats 2 and 3 (`pins[].location`).
 */
export const packageResolvedScanner: Scanner = {
  scan(input, ctx) {
    const json = parseJson(input.text, input.file);
    const warnings = json.error ? [{ file: input.file, message: `could not parse Package.resolved (${json.error})` }] : [];
    const lines = new LineIndex(input.text);
    const findings: RawFinding[] = [];
    for (const pin of [...items(member(json.root, 'pins')), ...items(at(json.root, ['object', 'pins']))]) {
      const location = member(pin, 'location') ?? member(pin, 'repositoryURL');
      if (location?.kind !== 'string') continue;
      for (const rule of lookup(ctx.index, 'spm', [location.value])) findings.push(namedFinding(lines, rule, input.file, location.start, location.end, 'spm'));
    }
    return { findings, warnings };
  },
};
