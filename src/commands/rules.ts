import { loadCatalog } from '../config/catalog.js';
import { loadRules } from '../config/rules.js';
import { UsageError } from '../errors.js';
import { EXIT_OK } from '../exit-codes.js';
import { sdkDefaultRules } from '../engine/sdk-defaults.js';
import type { RuleDefinition } from '../types.js';
import { type Command, listFlag, stringFlag } from './types.js';

function allRules(folders: string[]): RuleDefinition[] {
  return [...loadRules(folders).rules, ...sdkDefaultRules(loadCatalog().sdks.values())];
}

/** `privacy-lint rules`: every rule, category and SDK the tool knows. */
export const rules: Command = async (args) => {
  const list = allRules(listFlag(args, 'rules'));
  const catalog = loadCatalog();
  if (stringFlag(args, 'format') === 'json') {
    const data = {
      version: 1,
      rules: list.map((r) => ({ id: r.id, title: r.title, category: r.category, sdk: r.sdk, message: r.message, docs: r.docs })),
      categories: [...catalog.categories.values()].map((c) => ({ id: c.id, label: c.label })),
      sdks: [...catalog.sdks.values()].map((s) => ({ id: s.id, name: s.name, defaultCollects: s.defaultCollects })),
    };
    return { output: `${JSON.stringify(data, null, 2)}\n`, exitCode: EXIT_OK };
  }
  const width = Math.max(...list.map((r) => r.id.length));
  const lines = list.map((r) => `${r.id.padEnd(width)}  ${(r.category ?? '-').padEnd(24)}  ${(r.sdk ?? '').padEnd(18)}  ${r.title}`);
  lines.push('', `${list.length} rules, ${catalog.categories.size} categories, ${catalog.sdks.size} SDKs. \`privacy-lint explain ID\` shows one.`);
  return { output: `${lines.join('\n')}\n`, exitCode: EXIT_OK };
};

/** `privacy-lint explain ID`: a rule, a category or an SDK, with its evidence chain and sources. */
export const explain: Command = async (args) => {
  const id = args.positionals[0];
  if (!id) throw new UsageError('explain needs an id: a rule, a category or an SDK (see `privacy-lint rules`)');
  const catalog = loadCatalog();
  const list = allRules(listFlag(args, 'rules'));
  const rule = list.find((r) => r.id === id);
  const lines: string[] = [];
  if (rule) {
    lines.push(`${rule.id}: ${rule.title}`, '', rule.message);
    if (rule.why) lines.push('', `Why it matters: ${rule.why}`);
    lines.push('', `Category: ${rule.category ?? '(none: shows the SDK is present)'}`);
    if (rule.sdk) lines.push(`SDK: ${rule.sdk} (${catalog.sdks.get(rule.sdk)?.name ?? ''})`);
    if (rule.sdk && rule.id.startsWith('sdk-defaults/')) lines.push(`Collected by default: ${catalog.sdks.get(rule.sdk)?.defaultCollects.join(', ')}`);
    lines.push('', 'Evidence it looks for:', ...rule.match.map((m) => `  - ${JSON.stringify(m)}`));
    lines.push('', `Source: ${rule.docs}`, `Defined in: rules/${rule.source}.yaml`);
  } else if (catalog.categories.has(id)) {
    const c = catalog.categories.get(id)!;
    const related = list.filter((r) => r.category === id || r.category?.startsWith(`${id}.`));
    lines.push(`${id}: ${c.label}`, '', `Apple privacy manifest: ${c.apple.join(', ') || '-'}`, `Google Play Data safety: ${c.play.join(', ') || '-'}`);
    if (c.terms.en.length || c.terms.zh.length) lines.push(`Policy wording: ${[...c.terms.en, ...c.terms.zh].join(', ')}`);
    lines.push('', `Rules (${related.length}):`, ...related.map((r) => `  - ${r.id}: ${r.title}`));
    const sdks = [...catalog.sdks.values()].filter((s) => s.defaultCollects.some((d) => d === id || d.startsWith(`${id}.`)));
    if (sdks.length) lines.push('', `SDKs that collect it by default: ${sdks.map((s) => s.id).join(', ')}`);
  } else if (catalog.sdks.has(id)) {
    const s = catalog.sdks.get(id)!;
    lines.push(`${id}: ${s.name}`, '', `Collects by default: ${s.defaultCollects.join(', ') || '-'}`, `Only when the app asks: ${s.optionalCollects.join(', ') || '-'}`, '', s.disclosure);
    lines.push('', 'Rules:', ...list.filter((r) => r.sdk === id).map((r) => `  - ${r.id}: ${r.title}`));
  } else {
    throw new UsageError(`unknown id "${id}": not a rule, category or SDK (see \`privacy-lint rules\`)`);
  }
  return { output: `${lines.join('\n')}\n`, exitCode: EXIT_OK };
};
