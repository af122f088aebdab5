import { loadCatalog } from '../config/catalog.js';
import type { Problem, RawFinding, RuleDefinition } from '../types.js';

/**
 * The only place finding text is written. A message says what was found and, when the policy does
 * not cover it, which declaration is missing; `fixHint` gives the line to add to policy.yaml.
 */
export function findingMessage(f: RawFinding, problems: Problem[], rules: ReadonlyMap<string, RuleDefinition>): string {
  return [whatWasFound(f, rules), ...problems.map((p) => problemText(p, f))].join('; ');
}

function whatWasFound(f: RawFinding, rules: ReadonlyMap<string, RuleDefinition>): string {
  const sdk = f.thirdParty ? sdkName(f.thirdParty) : '';
  if (f.origin === 'sdk-default') return `${sdk} collects ${categoryLabel(f.category!)} (${f.category}) by default, without any call in app code`;
  if (f.origin === 'sharing') return `Passes ${categoryLabel(f.category!)} (${f.category}) to ${sdk}`;
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

/** The policy.yaml change that would disclose the finding, or undefined when it needs none or cannot take one. */
export function fixHint(f: { category: string | null; thirdParty: string | null; problems: Problem[] }): string | undefined {
  if (f.problems.includes('contradicted')) return `the code breaks a promise: remove the collection, or remove ${f.category} from does_not_collect and update the published policy`;
  if (f.problems.includes('undisclosed-third-party')) {
    return f.category ? `add under third_parties: - sdk: ${f.thirdParty}\n    receives: [${f.category}]` : `add under third_parties: - sdk: ${f.thirdParty}`;
  }
  if (f.problems.includes('undisclosed-sharing')) return `add ${f.category} to the receives list of ${f.thirdParty} under third_parties`;
  if (f.problems.includes('undisclosed-category')) return `add under collects: - ${f.category}`;
  return undefined;
}

export function sdkName(id: string): string {
  return loadCatalog().sdks.get(id)?.name ?? id;
}

export function categoryLabel(id: string): string {
  const label = loadCatalog().categories.get(id)?.label ?? id;
  return label.replace(/\s*\(.*\)$/, '').replace(/^([A-Z])(?=[a-z])/, (c) => c.toLowerCase());
}

export const NO_POLICY_HINT =
  'No policy.yaml was found, so nothing was judged. Run `privacy-lint init` to draft one from these findings, review it, and commit it next to your code.';
