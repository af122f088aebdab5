import type { RawFinding } from '../../types.js';
import type { Scanner } from '../scanner.js';
import { LineIndex } from '../text.js';
import { closingBracket } from './chains.js';
import { lookup, namedFinding } from './named-rules.js';
import { lexSource, maskLiterals } from './source-lexer.js';

/**
 * Swift Package Manager manifests (`Package.swift` and the versioned `Package@swift-5.9.swift`):
 * each `.package(url: ...)` dependency by repository, and each `.product(name: ...)` a target uses.
 */
export const swiftPackageScanner: Scanner = {
  scan(input, ctx) {
    const lexed = lexSource(input.text, 'swift');
    const masked = maskLiterals(lexed.code, lexed.literals);
    const lines = new LineIndex(input.text);
    const findings: RawFinding[] = [];
    for (const call of masked.matchAll(/\.(package|product)\s*\(/g)) {
      const open = call.index + call[0].length - 1;
      const close = closingBracket(masked, open);
      if (close < 0) continue;
      const args = lexed.code.slice(open, close);
      const label = call[1] === 'package' ? 'url' : 'name';
      const value = new RegExp(`\\b${label}\\s*:\\s*"([^"\\n]+)"`).exec(args)?.[1];
      if (!value || (label === 'url' && !value.includes('/'))) continue;
      for (const rule of lookup(ctx.index, 'spm', [value])) findings.push(namedFinding(lines, rule, input.file, call.index, close, 'spm'));
    }
    return { findings, warnings: [] };
  },
};
