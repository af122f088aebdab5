import { servingSdks } from './capabilities.js';
import { groupFindings } from './finding-groups.js';
import { groupMessage, NO_POLICY_HINT, patchLines, unusedText } from './messages.js';
import { policyPatch } from './policy-patch.js';
import type { Reporter } from './types.js';

/** GitHub drops error annotations past the tenth of a step, silently; the run should say so. */
const ANNOTATIONS_SHOWN = 10;

/**
 * GitHub Actions workflow commands: an `::error` annotation per undisclosed entry (an SDK's
 * default collection at one place is one entry, since GitHub shows only the first few
 * annotations of a step), `::notice` for unused declarations and `::warning` for files that could
 * not be parsed. Without a policy every finding is a notice.
 */
export const github: Reporter = (result, ctx) => {
  const checked = result.policy !== null;
  const shown = checked ? result.findings.filter((f) => f.status === 'undisclosed') : result.findings;
  const out: string[] = [];
  const groups = groupFindings(shown);
  const viaSdk = servingSdks(result.findings, ctx.rules);
  for (const g of groups) {
    const f = g.head;
    const fix = patchLines(policyPatch(g.findings, viaSdk));
    const message = [groupMessage(g), ...(fix.length > 0 ? ['', `Fix: ${fix.join('\n')}`] : [])].join('\n');
    const properties = { file: f.file, line: f.line, col: f.column, endLine: f.endLine, endColumn: f.endColumn, title: `privacy-lint ${f.rule}` };
    out.push(command(checked ? 'error' : 'notice', properties, message));
  }
  for (const u of result.unused) {
    out.push(command('notice', { file: result.policy ?? 'policy.yaml', title: 'privacy-lint unused-declaration' }, `policy.yaml ${unusedText(u)}`));
  }
  for (const w of result.warnings) out.push(command('warning', { file: w.file, title: 'privacy-lint' }, w.message));
  if (checked && groups.length > ANNOTATIONS_SHOWN) {
    out.push(
      command('warning', { title: 'privacy-lint' }, `${groups.length} undisclosed entries, but GitHub shows only the first ${ANNOTATIONS_SHOWN} error annotations of a step: run \`privacy-lint check\` for all of them`),
    );
  }
  const s = result.summary;
  if (!checked) out.push(`privacy-lint: ${s.findings} findings in ${s.files} files, unchecked. ${NO_POLICY_HINT}`);
  else out.push(`privacy-lint: ${s.undisclosed} undisclosed of ${s.findings} findings in ${s.files} files against ${result.policy}`);
  return `${out.join('\n')}\n`;
};

/** `::name key=value,…::message`, escaped as the Actions runner unescapes it. */
function command(name: string, properties: Record<string, string | number>, message: string): string {
  const props = Object.entries(properties)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${name} ${props}::${escapeData(message)}`;
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
