import type { PolicyDifference } from './diff.js';
import type { PolicyTextExtraction } from './extract.js';
import type { PolicyTextSummary } from './summary.js';

/** Terminal renderings of `policy extract` and `policy diff`; the JSON forms are the data itself. */

const TERMINAL_QUOTE_LIMIT = 100;

function shorten(quote: string): string {
  return quote.length > TERMINAL_QUOTE_LIMIT ? `${quote.slice(0, TERMINAL_QUOTE_LIMIT - 1)}…` : quote;
}

function list(items: Iterable<string>): string {
  const all = [...items];
  return all.length > 0 ? all.join(', ') : 'none';
}

/** One line per disclosure, then what the policy as a whole discloses. */
export function formatExtraction(extraction: PolicyTextExtraction, summary: PolicyTextSummary): string {
  const rows = extraction.disclosures.map((d) => {
    const what = d.category ?? '(SDK named)';
    const who = d.thirdParty ?? d.party;
    const flag = d.negated ? 'NOT ' : '';
    return `  ${String(d.line).padStart(5)}  ${`${flag}${what}`.padEnd(30)} ${who.padEnd(20)} "${shorten(d.quote)}"`;
  });
  const sdks = [...summary.thirdParties.values()].map((t) => (t.receives.size > 0 ? `${t.sdk} (${[...t.receives.keys()].join(', ')})` : t.sdk));
  return [
    extraction.source,
    ...(rows.length > 0 ? rows : ['  no statement about a known data category or SDK was found']),
    '',
    `Collects: ${list(summary.collects.keys())}`,
    `Third parties: ${list(sdks)}`,
    `Promises not to collect: ${list(summary.doesNotCollect.keys())}`,
    '',
  ].join('\n');
}

function describe(d: PolicyDifference): string {
  if (d.section === 'third_parties') return d.category === null ? `third_parties ${d.thirdParty}` : `third_parties ${d.thirdParty} receives ${d.category}`;
  return `${d.section} ${d.category}`;
}

/** The two directions of a diff, each under its own heading; "agree" when there is nothing. */
export function formatDiff(policyFile: string, textFile: string, differences: PolicyDifference[]): string {
  if (differences.length === 0) return `${policyFile} and ${textFile} agree.\n`;
  const lines: string[] = [];
  const declared = differences.filter((d) => d.direction === 'declared-not-disclosed');
  const disclosed = differences.filter((d) => d.direction === 'disclosed-not-declared');
  if (declared.length > 0) {
    lines.push(`Declared in ${policyFile} but not disclosed in ${textFile}:`);
    for (const d of declared) lines.push(`  ${policyFile}:${d.policyLine}  ${describe(d)}`);
    lines.push('');
  }
  if (disclosed.length > 0) {
    lines.push(`Disclosed in ${textFile} but missing from ${policyFile}:`);
    for (const d of disclosed) lines.push(`  ${textFile}:${d.line}  ${describe(d)}  "${shorten(d.quote ?? '')}"`);
    lines.push('');
  }
  const count = differences.length;
  lines.push(`${count} difference${count === 1 ? '' : 's'}.`, '');
  return lines.join('\n');
}
