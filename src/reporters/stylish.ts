import type { ScanResult } from '../types.js';
import { servingSdks } from './capabilities.js';
import { codeFrame } from './code-frame.js';
import { palette } from './colors.js';
import { byFile, type FindingGroup, groupFindings, runsAtSameLocation } from './finding-groups.js';
import { groupMessage, NO_POLICY_HINT, patchLines, unusedText } from './messages.js';
import { patchKeys, policyPatch } from './policy-patch.js';
import type { Reporter } from './types.js';

/**
 * ESLint-style terminal output grouped by file. With a policy it shows what fails, each place
 * once with a code frame and the policy.yaml lines that would disclose it; without one it lists
 * what was found. An SDK's default collection at one place is one entry.
 */
export const stylish: Reporter = (result, ctx) => {
  const c = palette(ctx.color);
  const checked = result.policy !== null;
  const shown = checked ? result.findings.filter((f) => f.status === 'undisclosed') : result.findings;
  const frames = new Map<string, string[] | null>();
  const fixesShown = new Set<string>();
  const viaSdk = servingSdks(result.findings, ctx.rules);
  const head = (g: FindingGroup) => g.head;
  const out: string[] = [];

  for (const [file, groups] of byFile(groupFindings(shown), head)) {
    out.push(c.underline(file));
    const width = Math.max(...groups.map((g) => `${g.head.line}:${g.head.column}`.length));
    for (const run of runsAtSameLocation(groups, head)) {
      for (const g of run) {
        const position = c.dim(`${g.head.line}:${g.head.column}`.padEnd(width));
        const severity = checked ? c.red('error') : c.cyan('info ');
        out.push(`  ${position}  ${severity}  ${groupMessage(g)}  ${c.dim(g.head.rule)}`);
      }
      if (!checked) continue;
      const f = run[0]!.head;
      const frame = codeFrame(ctx.root, f.file, f.line, f.column, f.endLine, f.endColumn, frames);
      if (frame) out.push(indent(c.dim(frame), 4));
      const patch = policyPatch(run.flatMap((g) => g.findings), viaSdk);
      const keys = patchKeys(patch);
      // A fix already shown (the same SDK at its next import) would only repeat itself.
      if (keys.every((k) => fixesShown.has(k))) continue;
      for (const k of keys) fixesShown.add(k);
      const [first, ...rest] = patchLines(patch);
      if (first !== undefined) out.push(indent([`${c.green('fix:')} ${first}`, ...rest.map((l) => `     ${l}`)].join('\n'), 4));
    }
    out.push('');
  }

  if (result.unused.length > 0) {
    out.push(c.underline(result.policy ?? 'policy.yaml'));
    for (const u of result.unused) out.push(`  ${c.cyan('info ')}  ${unusedText(u)}  ${c.dim('unused-declaration')}`);
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
  const files = plural(s.files, 'file');
  if (result.policy === null) return `${plural(s.findings, 'finding')} in ${files} (no policy: unchecked)`;
  const extra = [
    `${result.findings.filter((f) => f.status === 'disclosed').length} disclosed`,
    s.suppressed ? `${s.suppressed} suppressed` : '',
    s.baselined ? `${s.baselined} baselined` : '',
    result.unused.length ? plural(result.unused.length, 'unused declaration') : '',
  ].filter(Boolean);
  if (s.undisclosed === 0) return c.green(`✔ no undisclosed collection in ${files} against ${result.policy} (${extra.join(', ')})`);
  return c.red(c.bold(`✖ ${plural(s.undisclosed, 'undisclosed finding')} in ${files} against ${result.policy}`)) + ` (${extra.join(', ')})`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function indent(text: string, spaces: number): string {
  return text
    .split('\n')
    .map((line) => ' '.repeat(spaces) + line)
    .join('\n');
}
