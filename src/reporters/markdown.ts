import { type AuditReport, buildAudit, type InventoryRow, type SdkEntry } from './audit.js';
import { problemLabels, STATUS_LABELS } from './messages.js';
import type { Reporter } from './types.js';

const EVIDENCE_SHOWN = 5;

/**
 * The audit report as GitHub-flavoured Markdown, for a pull-request comment, a job summary or a
 * file. Every piece of text from the code or the policy is escaped, and code sits in fences
 * longer than any backtick run it contains.
 */
export const markdown: Reporter = (result, ctx) => renderMarkdown(buildAudit(result, ctx));

function renderMarkdown(r: AuditReport): string {
  const out: string[] = [`# ${text(r.title)}`, ''];
  const verdict = r.policy === null ? 'no policy: unchecked' : r.undisclosedCount === 0 ? 'nothing undisclosed' : `**${r.undisclosedCount} undisclosed**`;
  out.push(`privacy-lint ${text(r.toolVersion)} · ${r.files} file${r.files === 1 ? '' : 's'} · policy: ${r.policy === null ? 'none' : code(r.policy)} · ${verdict}`, '');

  out.push('## Summary', '', ...r.summary.flatMap((p) => [text(p), '']));
  if (r.gaps.length > 0) out.push(...r.gaps.map((g) => `- ${text(g)}`), '');
  out.push(...r.notes.flatMap((p) => [text(p), '']));

  out.push('## Data inventory', '');
  if (r.inventory.length === 0) out.push('No personal data was found.', '');
  else {
    out.push('| Data | Collected by | Evidence | Disclosed | Purposes |', '| --- | --- | --- | --- | --- |');
    for (const row of r.inventory) out.push(`| ${text(row.name)} ${code(row.category)} | ${collector(row, r.sdks)} | ${evidence(row)} | ${verdictCell(row)} | ${text(row.purposes.join(', ')) || '–'} |`);
    out.push('');
  }

  out.push('## Third-party SDKs', '');
  if (r.sdks.length === 0) out.push('No third-party SDK was found.', '');
  for (const s of r.sdks) {
    out.push(`### ${text(s.shortName)} (${code(s.id)})`, '');
    if (s.name !== s.shortName) out.push(text(s.name), '');
    if (s.listed !== null) out.push(`- Listed under third_parties: ${s.listed ? `yes${s.receives.length > 0 ? `, receives ${s.receives.map(code).join(', ')}` : ''}` : '**no**'}`);
    if (s.purposes.length > 0) out.push(`- Purposes: ${text(s.purposes.join(', '))}`);
    out.push(`- Found at: ${locations(s.presence.map((f) => `${f.file}:${f.line}`))}`);
    out.push(
      `- Collects by default, per its documentation: ${s.defaultCollects.length === 0 ? 'nothing recorded' : s.defaultCollects.map((c) => `${text(c.name)} ${code(c.id)}`).join(', ')}`,
      '',
    );
  }

  if (r.undisclosed.length > 0) {
    out.push('## Undisclosed findings', '');
    for (const place of r.undisclosed) {
      out.push(`### ${code(`${place.file}:${place.line}:${place.column}`)}`, '');
      out.push(...place.entries.map((e) => `- ${text(e.message)} (${code(e.rule)})`), '');
      if (place.excerpt) out.push(...fence(place.excerpt, ''), '');
      if (place.fix.length > 0) out.push('Fix:', '', ...fence(place.fix.join('\n'), 'text'), '');
    }
    if (r.patch.length > 0) out.push('## What to add to policy.yaml', '', ...fence(r.patch.join('\n'), 'text'), '');
  }

  if (r.unused.length > 0) out.push('## Unused declarations', '', ...r.unused.map((u) => `- ${text(u)}`), '');
  if (r.warnings.length > 0) out.push('## Warnings', '', ...r.warnings.map((w) => `- ${code(w.file)}: ${text(w.message)}`), '');
  out.push('## How this report was made', '', ...r.method.flatMap((m) => [text(m), '']));
  return `${out.join('\n').trimEnd()}\n`;
}

function collector(row: InventoryRow, sdks: SdkEntry[]): string {
  if (row.collector === null) return row.declaredAccess ? 'the app (declared access)' : 'the app';
  const name = sdks.find((s) => s.id === row.collector)?.shortName ?? row.collector;
  return `${text(name)}${row.byDefault ? ' (by default)' : ''}`;
}

function evidence(row: InventoryRow): string {
  return locations(row.evidence.map((f) => `${f.file}:${f.line}`));
}

function locations(places: string[]): string {
  const unique = [...new Set(places)];
  const shown = unique.slice(0, EVIDENCE_SHOWN).map(code).join(', ');
  return unique.length > EVIDENCE_SHOWN ? `${shown} and ${unique.length - EVIDENCE_SHOWN} more` : shown || '–';
}

function verdictCell(row: InventoryRow): string {
  const label = STATUS_LABELS[row.status];
  if (row.status !== 'undisclosed') return label;
  return `**${label}**: ${problemLabels(row.problems).join('; ')}`;
}

/**
 * Backslash-escapes the punctuation that can start inline markup, raw HTML, an entity or a table
 * cell boundary, and keeps text on one line. Block markers (`#`, `-`) cannot occur: every escaped
 * text follows a prefix of ours.
 */
function text(value: string): string {
  return value.replace(/\r?\n/g, ' ').replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`);
}

/** Inline code whose delimiter is longer than any backtick run inside. */
function code(value: string): string {
  const oneLine = value.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(oneLine.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longest + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${oneLine}${pad}${ticks}`;
}

function fence(body: string, info: string): string[] {
  const longest = Math.max(0, ...(body.match(/`{3,}/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  return [`${ticks}${info}`, body, ticks];
}
