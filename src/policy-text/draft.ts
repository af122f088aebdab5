import { type Disclosure, extractDisclosures } from './extract.js';
import { summarizeDisclosures } from './summary.js';

const COMMENT_QUOTE_LIMIT = 160;

/** Why a `collects` entry may need a second look: the sentence names no collector, or not the app. */
function collectorNote(d: Disclosure): string {
  if (d.thirdParty !== null || d.party === 'first') return '';
  return d.party === 'third' ? ' (said of unnamed third parties)' : ' (no collector named)';
}

/** A YAML comment quoting the sentence an entry comes from. */
function evidence(d: Disclosure, indent: string): string {
  const quote = d.quote.length > COMMENT_QUOTE_LIMIT ? `${d.quote.slice(0, COMMENT_QUOTE_LIMIT - 1)}…` : d.quote;
  return `${indent}# line ${d.line}${collectorNote(d)}: "${quote}"`;
}

/**
 * A draft policy.yaml (YAML text) for `privacy-lint init --from-text`: what a published privacy
 * policy discloses, each entry commented with the sentence it was read from.
 * @param text the policy text (Markdown, HTML or plain text; English or Chinese).
 * @param source its path as policy.yaml should refer to it (relative to the folder of policy.yaml);
 *   written as `privacy_policy` so that `privacy-lint policy diff` can compare the two later.
 */
export function draftPolicyFromText(text: string, source: string): string {
  const summary = summarizeDisclosures(extractDisclosures(text, source).disclosures);
  const lines = [
    `# Draft policy.yaml read from ${source} by privacy-lint.`,
    '# Each entry quotes the sentence it comes from: check every one against the published text,',
    '# then keep the two in step with `privacy-lint policy diff`.',
    'version: 1',
    `privacy_policy: ${JSON.stringify(source)}`,
  ];
  lines.push(summary.collects.size > 0 ? 'collects:' : 'collects: []');
  for (const [category, d] of summary.collects) lines.push(evidence(d, '  '), `  - ${category}`);
  if (summary.doesNotCollect.size > 0) {
    lines.push('does_not_collect:');
    for (const [category, d] of summary.doesNotCollect) lines.push(evidence(d, '  '), `  - ${category}`);
  }
  lines.push(summary.thirdParties.size > 0 ? 'third_parties:' : 'third_parties: []');
  for (const tp of summary.thirdParties.values()) {
    lines.push(evidence(tp.evidence, '  '), `  - sdk: ${tp.sdk}`);
    if (tp.receives.size === 0) {
      lines.push('    receives: []');
      continue;
    }
    lines.push('    receives:');
    for (const [category, d] of tp.receives) lines.push(evidence(d, '      '), `      - ${category}`);
  }
  return `${lines.join('\n')}\n`;
}
