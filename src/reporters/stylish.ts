import type { Finding, ScanResult } from '../types.js';
import { codeFrame } from './code-frame.js';
import { palette } from './colors.js';
import { fixHint, NO_POLICY_HINT } from './messages.js';
import type { Reporter } from './types.js';

/**
 * ESLint-style terminal output grouped by file. With a policy it shows what fails (with a code
 * frame and the policy.yaml line that would disclose it); without one it lists what was found.
 */
export const stylish: Reporter = (result, ctx) => {
  const c = palette(ctx.color);
  const checked = result.policy !== null;
  const shown = checked ? result.findings.filter((f) => f.status === 'undisclosed') : result.findings;
  const frames = new Map<string, string[] | null>();
  const out: string[] = [];

  for (const [file, findings] of groupByFile(shown)) {
    out.push(c.underline(file));
    for (const f of findings) {
      const position = c.dim(`${f.line}:${f.column}`.padEnd(8));
      const severity = checked ? c.red('error') : c.cyan('info ');
      out.push(`  ${position} ${severity}  ${f.message}  ${c.dim(f.rule)}`);
      if (!checked) continue;
      const frame = codeFrame(ctx.root, f.file, f.line, f.column, f.endLine, f.endColumn, frames);
      if (frame) out.push(indent(c.dim(frame), 4));
      const hint = fixHint(f);
      if (hint) out.push(indent(`${c.green('fix:')} ${hint}`, 4));
    }
    out.push('');
  }

  if (result.unused.length > 0) {
    out.push(c.underline(result.policy ?? 'policy.yaml'));
    for (const u of result.unused) {
      const what = u.thirdParty ? (u.category ? `${u.thirdParty} receives ${u.category}` : `third party ${u.thirdParty}`) : `collects ${u.category}`;
      out.push(`  ${c.cyan('info ')}  declared but not found in the code: ${what}  ${c.dim('unused-declaration')}`);
    }
    out.push('');
  }

  for (const w of result.warnings) out.push(`${c.yellow('warning')} ${w.file}: ${w.message}`);
  if (result.warnings.length > 0) out.push('');

  out.push(summaryLine(result, c));
  if (!checked) out.push(NO_POLICY_HINT);
  return `${out.join('\n')}\n`;
};

function summaryLine(result: ScanResult, c: ReturnType<typeof palette>): string {
  const s = result.summary;
  const files = `${s.files} file${s.files === 1 ? '' : 's'}`;
  if (result.policy === null) return `${s.findings} finding${s.findings === 1 ? '' : 's'} in ${files} (no policy: unchecked)`;
  const extra = [
    `${result.findings.filter((f) => f.status === 'disclosed').length} disclosed`,
    s.suppressed ? `${s.suppressed} suppressed` : '',
    s.baselined ? `${s.baselined} baselined` : '',
    result.unused.length ? `${result.unused.length} unused declaration${result.unused.length === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  if (s.undisclosed === 0) return c.green(`✔ no undisclosed collection in ${files} against ${result.policy} (${extra.join(', ')})`);
  return c.red(c.bold(`✖ ${s.undisclosed} undisclosed finding${s.undisclosed === 1 ? '' : 's'} in ${files} against ${result.policy}`)) + ` (${extra.join(', ')})`;
}

function groupByFile(findings: Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = groups.get(f.file);
    if (list) list.push(f);
    else groups.set(f.file, [f]);
  }
  return groups;
}

function indent(text: string, spaces: number): string {
  return text
    .split('\n')
    .map((line) => ' '.repeat(spaces) + line)
    .join('\n');
}
