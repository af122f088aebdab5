import type { RawFinding, RuleDefinition } from '../types.js';
import { evidenceText } from './js/lint-js.js';

/** Maps offsets to 1-based lines and columns, for scanners that work on raw text. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }

  /** A finding for the text between two offsets, evidence taken from the original text. */
  finding(rule: RuleDefinition, file: string, start: number, end: number, category: string | null = rule.category): RawFinding {
    const from = this.position(start);
    const to = this.position(end);
    return {
      rule: rule.id,
      category,
      thirdParty: rule.sdk,
      file,
      line: from.line,
      column: from.column,
      endLine: to.line,
      endColumn: to.column,
      evidence: evidenceText(this.text.slice(start, end)),
      origin: 'code',
    };
  }
}

