import type { RawFinding } from '../../types.js';
import type { Scanner } from '../scanner.js';
import { LineIndex } from '../text.js';
import { lookup, namedFinding } from './named-rules.js';
import { podNames } from './pod-names.js';
import { lexSource } from './source-lexer.js';

const POD = /^[ \t]*pod[ \t]*\(?[ \t]*(["'])([^"'\n]+)\1/gm;

/** CocoaPods `Podfile` (and `*.podfile`, CocoaPods' other accepted name): each `pod '...'` line; Ruby comments never count. */
export const podfileScanner: Scanner = {
  scan(input, ctx) {
    const { code } = lexSource(input.text, 'ruby');
    const lines = new LineIndex(input.text);
    const findings: RawFinding[] = [];
    for (const m of code.matchAll(POD)) {
      const start = m.index + m[0].length - m[0].trimStart().length;
      const end = m.index + m[0].length;
      for (const rule of lookup(ctx.index, 'pod', podNames(m[2]!))) findings.push(namedFinding(lines, rule, input.file, start, end, 'pod'));
    }
    return { findings, warnings: [] };
  },
};
