import { loadCatalog } from '../config/catalog.js';
import type { FindingStatus, Problem, RawFinding, RuleDefinition, UnusedDeclaration } from '../types.js';
import { type FindingGroup, isSdkDefault } from './finding-groups.js';
import type { PolicyPatch } from './policy-patch.js';

/**
 * The only place finding text is written. A message says what was found and, when the policy does
 * not cover it, which declaration is missing; `patchLines` gives the lines to add to policy.yaml.
 */
export function findingMessage(f: RawFinding, problems: Problem[], rules: ReadonlyMap<string, RuleDefinition>): string {
  return [whatWasFound(f, rules), ...problems.map((p) => problemText(p, f))].join('; ');
}

function whatWasFound(f: RawFinding, rules: ReadonlyMap<string, RuleDefinition>): string {
  const sdk = f.thirdParty ? sdkShortName(f.thirdParty) : '';
  if (f.origin === 'sdk-default') return `${sdk} collects ${categoryName(f.category!)} (${f.category}) by default, without any call in app code`;
  if (f.origin === 'sharing') return `Passes ${categoryName(f.category!)} (${f.category}) to ${sdk}`;
  return rules.get(f.rule)?.message ?? f.rule;
}

function problemText(problem: Problem, f: RawFinding): string {
  switch (problem) {
    case 'undisclosed-category':
      return `policy.yaml does not disclose ${f.category}`;
    case 'undisclosed-third-party':
      return `policy.yaml does not list ${f.thirdParty} under third_parties`;
    case 'undisclosed-sharing':
      return `policy.yaml does not say that ${f.thirdParty} receives ${f.category}`;
    case 'contradicted':
      return `policy.yaml promises never to collect ${f.category} (does_not_collect)`;
  }
}

export function sdkName(id: string): string {
  return loadCatalog().sdks.get(id)?.name ?? id;
}

/**
 * A category's short name for tables and sentences: the catalog label up to its first aside, so
 * "Client public IP address (server-side request IP, …)" reads as "Client public IP address".
 */
export function categoryName(id: string): string {
  const label = loadCatalog().categories.get(id)?.label ?? id;
  return label.split(/\s+\(|\s+-\s+/)[0]!.trim() || id;
}

/** An SDK's name without its parenthetical product list: "Umeng+ (U-App analytics, …)" reads as "Umeng+". */
export function sdkShortName(id: string): string {
  return sdkName(id).replace(/\s*\([^)]*\)/g, '').trim() || id;
}

/**
 * The text of one reader-facing entry. An SDK's default collection is one sentence listing its
 * categories; every other finding keeps the engine's message.
 */
export function groupMessage(g: FindingGroup): string {
  if (!isSdkDefault(g.head) || g.head.thirdParty === null) return g.head.message;
  const sdk = g.head.thirdParty;
  const them = g.categories.length === 1 ? 'it' : 'them';
  const parts = [`${sdkShortName(sdk)} collects by default, with no call in app code: ${g.categories.join(', ')}`];
  const problems = g.head.problems;
  // An SDK missing from third_parties receives nothing, so its sharing problems say nothing more.
  if (problems.includes('undisclosed-third-party')) parts.push(`policy.yaml does not list ${sdk} under third_parties`);
  else if (problems.includes('undisclosed-sharing')) parts.push(`policy.yaml does not say that ${sdk} receives ${them}`);
  if (problems.includes('contradicted')) parts.push(`policy.yaml promises never to collect ${them} (does_not_collect)`);
  return parts.join('; ');
}

/** The policy.yaml edits of a patch as lines: a YAML snippet to merge, then edits to existing entries. */
export function patchLines(p: PolicyPatch): string[] {
  const yaml: string[] = [];
  if (p.collects.length > 0) yaml.push('collects:', ...p.collects.map((c) => `  - ${c}`));
  if (p.newThirdParties.size > 0) {
    yaml.push('third_parties:');
    for (const [sdk, receives] of p.newThirdParties) {
      yaml.push(`  - sdk: ${sdk}`);
      if (receives.length > 0) yaml.push(`    receives: [${receives.join(', ')}]`);
    }
  }
  const lines = yaml.length > 0 ? ['add to policy.yaml:', ...yaml.map((l) => `  ${l}`)] : [];
  for (const [sdk, receives] of p.moreReceives) lines.push(`add ${receives.join(', ')} to the receives list of ${sdk} under third_parties`);
  for (const [category, sdks] of p.servedBySdks) {
    const receivers = sdks.length === 1 ? `${sdks[0]}'s receives` : `the receives of ${sdks.slice(0, -1).join(', ')} or ${sdks.at(-1)}`;
    lines.push(`declaring ${category} in ${receivers} discloses this permission, since the app declares it for the SDK; add it under collects only if the app itself reads it`);
  }
  for (const c of p.contradicted) {
    lines.push(`the code breaks a promise: remove the collection of ${c}, or remove it from does_not_collect and update the published policy`);
  }
  return lines;
}

/** A declaration nothing in the code uses, as a short phrase. */
export function unusedText(u: UnusedDeclaration): string {
  const what = u.thirdParty ? (u.category ? `${u.thirdParty} receives ${u.category}` : `third party ${u.thirdParty}`) : `collects ${u.category}`;
  return `declared but not found in the code: ${what}`;
}

/** Each status as a reader-facing verdict. */
export const STATUS_LABELS: Record<FindingStatus, string> = {
  disclosed: 'Disclosed',
  undisclosed: 'Not disclosed',
  suppressed: 'Suppressed in code',
  baselined: 'Accepted in the baseline',
  unchecked: 'Not checked (no policy)',
};

/** Each problem as what the policy lacks. */
export const PROBLEM_LABELS: Record<Problem, string> = {
  'undisclosed-category': 'not declared under collects',
  'undisclosed-third-party': 'SDK not listed under third_parties',
  'undisclosed-sharing': "not in the SDK's receives",
  contradicted: 'contradicts does_not_collect',
};

/** What the policy lacks, as labels; an SDK missing from third_parties says all there is to say about its receives. */
export function problemLabels(problems: readonly Problem[]): string[] {
  const shown = problems.includes('undisclosed-third-party') ? problems.filter((p) => p !== 'undisclosed-sharing') : problems;
  return shown.map((p) => PROBLEM_LABELS[p]);
}

/** How to disclose what a rule finds, for rule help in SARIF. */
export function ruleHelp(rule: Pick<RuleDefinition, 'category' | 'sdk'>): string {
  if (rule.sdk && rule.category) return `To disclose it, list ${rule.sdk} under third_parties in policy.yaml with ${rule.category} in its receives.`;
  if (rule.sdk) return `To disclose it, list ${rule.sdk} under third_parties in policy.yaml, with receives naming the data it gets.`;
  if (rule.category) return `To disclose it, add ${rule.category} (or a parent category) under collects in policy.yaml.`;
  return 'To disclose it, declare the data in policy.yaml.';
}

export const NO_POLICY_HINT =
  'No policy.yaml was found, so nothing was judged. Run `privacy-lint init` to draft one from these findings, review it, and commit it next to your code.';
