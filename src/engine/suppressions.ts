import { covers } from '../config/catalog.js';
import type { RawFinding, ScanWarning } from '../types.js';

/**
 * `privacy-lint-disable-next-line <id>[, <id>...] -- <reason>` in any comment style (`//`, `#`,
 * `/*`, `<!--`). An id is a rule id, a category (a parent covers its children) or an SDK id.
 */
const DIRECTIVE = /(?:\/\/|\/\*|#|<!--)\s*privacy-lint-disable-(next-line|line)\b([^\n]*)/g;

export interface Suppression {
  /** The line the directive applies to. */
  line: number;
  /** Line of the comment itself, for reporting. */
  commentLine: number;
  ids: string[];
  reason: string;
  used: boolean;
}

export function parseSuppressions(text: string): Suppression[] {
  if (!text.includes('privacy-lint-disable')) return [];
  const out: Suppression[] = [];
  for (const match of text.matchAll(DIRECTIVE)) {
    const commentLine = countLines(text, match.index);
    const body = match[2]!.replace(/\*\/.*$|-->.*$/, '').trim();
    const [idPart, ...reasonParts] = body.split(/\s--\s?|^--\s?/);
    const ids = (idPart ?? '').split(/[\s,]+/).filter(Boolean);
    const reason = reasonParts.join(' -- ').trim();
    out.push({ line: match[1] === 'line' ? commentLine : commentLine + 1, commentLine, ids, reason, used: false });
  }
  return out;
}

function countLines(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function applies(s: Suppression, f: RawFinding): boolean {
  if (s.line !== f.line) return false;
  if (s.ids.length === 0) return true;
  return s.ids.some((id) => id === f.rule || id === f.thirdParty || (f.category !== null && covers(id, f.category)));
}

/**
 * Splits a file's findings into kept and suppressed. A directive without a reason suppresses
 * nothing and is reported, as is one that matched no finding.
 */
export function applySuppressions(
  file: string,
  findings: RawFinding[],
  suppressions: Suppression[],
): { suppressed: Set<RawFinding>; warnings: ScanWarning[] } {
  const suppressed = new Set<RawFinding>();
  const warnings: ScanWarning[] = [];
  for (const s of suppressions) {
    if (!s.reason) {
      warnings.push({ file, message: `line ${s.commentLine}: privacy-lint-disable needs a reason after " -- "; nothing was suppressed` });
      continue;
    }
    for (const f of findings) {
      if (applies(s, f)) {
        suppressed.add(f);
        s.used = true;
      }
    }
    if (!s.used) warnings.push({ file, message: `line ${s.commentLine}: unused privacy-lint-disable directive (no finding${s.ids.length ? ` for ${s.ids.join(', ')}` : ''} on line ${s.line})` });
  }
  return { suppressed, warnings };
}
