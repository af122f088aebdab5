import { type AuditReport, buildAudit, type InventoryRow, type SdkEntry } from './audit.js';
import { problemLabels, STATUS_LABELS } from './messages.js';
import type { Reporter } from './types.js';

/**
 * The audit report as one self-contained HTML file: inline CSS, no scripts, and a Content Security
 * Policy that forbids loading anything, so it can be archived, mailed and opened offline. All text
 * from the code, the policy and the catalog is escaped.
 */
export const html: Reporter = (result, ctx) => renderHtml(buildAudit(result, ctx));

const STYLE = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --bad: #b42318; --bad-bg: #fef3f2; --ok: #067647; --ok-bg: #ecfdf3; --meh: #93370d; --meh-bg: #fffaeb; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 2rem 1.5rem 4rem; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 .75rem; padding-bottom: .3rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
.meta { color: var(--muted); margin: 0 0 1.5rem; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: .45rem .6rem; border-bottom: 1px solid var(--line); }
th { background: #f6f8fa; font-weight: 600; }
td.evidence code { overflow-wrap: anywhere; }
td.category code { white-space: nowrap; }
.table-scroll { overflow-x: auto; }
code, pre { font: .86rem/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; overflow-x: auto; white-space: pre; }
.status { display: inline-block; padding: .05rem .45rem; border-radius: 999px; font-weight: 600; font-size: .82rem; white-space: nowrap; }
.status-undisclosed { color: var(--bad); background: var(--bad-bg); }
.status-disclosed { color: var(--ok); background: var(--ok-bg); }
.status-suppressed, .status-baselined, .status-unchecked { color: var(--meh); background: var(--meh-bg); }
.gap { color: var(--bad); }
.finding { border-left: 3px solid var(--bad); padding: .1rem 0 .1rem 1rem; margin: 1.25rem 0; }
.muted { color: var(--muted); }
ul { padding-left: 1.25rem; }
@media print { body { max-width: none; padding: 0; } pre { white-space: pre-wrap; } }
`;

const EVIDENCE_SHOWN = 10;

function renderHtml(r: AuditReport): string {
  const body: string[] = [];
  body.push(`<h1>${esc(r.title)}</h1>`);
  const verdict = r.policy === null ? 'no policy: unchecked' : r.undisclosedCount === 0 ? 'nothing undisclosed' : `${r.undisclosedCount} undisclosed`;
  body.push(`<p class="meta">privacy-lint ${esc(r.toolVersion)} · ${r.files} file${r.files === 1 ? '' : 's'} · policy: ${r.policy === null ? 'none' : `<code>${esc(r.policy)}</code>`} · <strong>${esc(verdict)}</strong></p>`);

  body.push('<section id="summary"><h2>Summary</h2>', ...r.summary.map((p) => `<p>${esc(p)}</p>`));
  if (r.gaps.length > 0) body.push('<ul class="gaps">', ...r.gaps.map((g) => `<li class="gap">${esc(g)}</li>`), '</ul>');
  body.push(...r.notes.map((p) => `<p>${esc(p)}</p>`), '</section>');

  body.push('<section id="inventory-section"><h2>Data inventory</h2>');
  if (r.inventory.length === 0) body.push('<p>No personal data was found.</p>');
  else {
    body.push(
      '<div class="table-scroll"><table id="inventory">',
      '<thead><tr><th scope="col">Data</th><th scope="col">Category</th><th scope="col">Collected by</th><th scope="col">Evidence</th><th scope="col">Disclosed</th><th scope="col">Purposes</th></tr></thead>',
      '<tbody>',
    );
    for (const row of r.inventory) {
      body.push(
        `<tr data-category="${esc(row.category)}" data-collector="${esc(row.collector ?? 'app')}" data-status="${esc(row.status)}">` +
          `<td>${esc(row.name)}</td><td class="category"><code>${esc(row.category)}</code></td><td>${collector(row, r.sdks)}</td>` +
          `<td class="evidence">${locations(row.evidence.map((f) => `${f.file}:${f.line}`))}</td><td>${verdictCell(row)}</td>` +
          `<td>${row.purposes.length > 0 ? esc(row.purposes.join(', ')) : '<span class="muted">–</span>'}</td></tr>`,
      );
    }
    body.push('</tbody></table></div>');
  }
  body.push('</section>');

  body.push('<section id="sdks"><h2>Third-party SDKs</h2>');
  if (r.sdks.length === 0) body.push('<p>No third-party SDK was found.</p>');
  for (const s of r.sdks) {
    body.push(`<h3 id="sdk-${esc(s.id)}">${esc(s.shortName)} <code>${esc(s.id)}</code></h3>`, '<ul>');
    if (s.name !== s.shortName) body.push(`<li>${esc(s.name)}</li>`);
    if (s.listed !== null) {
      const receives = s.receives.length > 0 ? `, receives ${s.receives.map((c) => `<code>${esc(c)}</code>`).join(', ')}` : '';
      body.push(`<li>Listed under third_parties: ${s.listed ? `yes${receives}` : '<strong class="gap">no</strong>'}</li>`);
    }
    if (s.purposes.length > 0) body.push(`<li>Purposes: ${esc(s.purposes.join(', '))}</li>`);
    body.push(`<li>Found at: ${locations(s.presence.map((f) => `${f.file}:${f.line}`), ', ')}</li>`);
    const defaults = s.defaultCollects.map((c) => `${esc(c.name)} <code>${esc(c.id)}</code>`).join(', ');
    body.push(`<li>Collects by default, per its documentation: ${defaults || 'nothing recorded'}</li>`, '</ul>');
  }
  body.push('</section>');

  if (r.undisclosed.length > 0) {
    body.push('<section id="undisclosed"><h2>Undisclosed findings</h2>');
    for (const place of r.undisclosed) {
      body.push('<div class="finding">', `<h3><code>${esc(`${place.file}:${place.line}:${place.column}`)}</code></h3>`, '<ul>');
      body.push(...place.entries.map((e) => `<li>${esc(e.message)} <span class="muted">(<code>${esc(e.rule)}</code>)</span></li>`), '</ul>');
      if (place.excerpt) body.push(`<pre>${esc(place.excerpt)}</pre>`);
      if (place.fix.length > 0) body.push(`<p>Fix:</p><pre>${esc(place.fix.join('\n'))}</pre>`);
      body.push('</div>');
    }
    if (r.patch.length > 0) body.push('<h3 id="patch">What to add to policy.yaml</h3>', `<pre>${esc(r.patch.join('\n'))}</pre>`);
    body.push('</section>');
  }

  if (r.unused.length > 0) body.push('<section id="unused"><h2>Unused declarations</h2><ul>', ...r.unused.map((u) => `<li>${esc(u)}</li>`), '</ul></section>');
  if (r.warnings.length > 0) {
    body.push('<section id="warnings"><h2>Warnings</h2><ul>', ...r.warnings.map((w) => `<li><code>${esc(w.file)}</code>: ${esc(w.message)}</li>`), '</ul></section>');
  }
  body.push('<section id="method"><h2>How this report was made</h2>', ...r.method.map((m) => `<p>${esc(m)}</p>`), '</section>');

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // Nothing may load: the report must read the same offline and cannot leak that it was opened.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(r.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function collector(row: InventoryRow, sdks: SdkEntry[]): string {
  if (row.collector === null) return row.declaredAccess ? 'The app <span class="muted">(declared access)</span>' : 'The app';
  const name = sdks.find((s) => s.id === row.collector)?.shortName ?? row.collector;
  return `${esc(name)}${row.byDefault ? ' <span class="muted">(by default)</span>' : ''}`;
}

function locations(places: string[], separator = '<br>'): string {
  const unique = [...new Set(places)];
  // Paths break after a slash rather than mid-name.
  const shown = unique.slice(0, EVIDENCE_SHOWN).map((p) => `<code>${esc(p).replace(/\//g, '/<wbr>')}</code>`);
  if (unique.length > EVIDENCE_SHOWN) shown.push(`and ${unique.length - EVIDENCE_SHOWN} more`);
  return shown.join(separator) || '<span class="muted">–</span>';
}

function verdictCell(row: InventoryRow): string {
  const badge = `<span class="status status-${row.status}">${esc(STATUS_LABELS[row.status])}</span>`;
  if (row.status !== 'undisclosed') return badge;
  return `${badge}<br><span class="gap">${esc(problemLabels(row.problems).join('; '))}</span>`;
}

function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
