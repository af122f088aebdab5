import { covers } from '../config/catalog.js';
import type { CategoryId, Policy, SdkId } from '../types.js';
import type { Disclosure } from './extract.js';
import type { PolicyTextSummary } from './summary.js';

/**
 * Which way a difference goes: policy.yaml declares what the text does not say, or the text says
 * what policy.yaml does not declare.
 */
export type DiffDirection = 'declared-not-disclosed' | 'disclosed-not-declared';

/** One disagreement between policy.yaml and its `privacy_policy` text. */
export interface PolicyDifference {
  direction: DiffDirection;
  section: 'collects' | 'does_not_collect' | 'third_parties';
  /** The category, or null for an SDK as a whole. */
  category: CategoryId | null;
  thirdParty: SdkId | null;
  /** policy.yaml line of the declaration (declared-not-disclosed). */
  policyLine?: number;
  /** Text line and sentence of the disclosure (disclosed-not-declared). */
  line?: number;
  quote?: string;
}

/**
 * Categories match when one covers the other: a policy.yaml that declares `device.id` agrees with
 * a text that names the IMEI, and `location` in the text agrees with `location.coarse` in the YAML.
 * Requiring exact ids would flag every difference in wording as a disagreement.
 */
function related(a: CategoryId, b: CategoryId): boolean {
  return covers(a, b) || covers(b, a);
}

function anyRelated(category: CategoryId, others: Iterable<CategoryId>): boolean {
  for (const other of others) if (related(category, other)) return true;
  return false;
}

function fromText(d: Disclosure): Pick<PolicyDifference, 'line' | 'quote'> {
  return { line: d.line, quote: d.quote };
}

/**
 * policy.yaml against what its published text discloses, both ways. What the app collects itself
 * is compared with `collects`; what the text attributes to a named SDK with that SDK's `receives`;
 * promises not to collect with `does_not_collect`. Data the text says unnamed third parties
 * collect may be declared under `collects` or under any SDK's `receives`.
 */
export function diffPolicyText(policy: Policy, text: PolicyTextSummary): PolicyDifference[] {
  const differences: PolicyDifference[] = [];
  const declaredCollects = policy.collects.map((c) => c.category);
  const declaredReceives = policy.thirdParties.flatMap((t) => t.receives);

  for (const entry of policy.collects) {
    if (!anyRelated(entry.category, text.collects.keys())) {
      differences.push({ direction: 'declared-not-disclosed', section: 'collects', category: entry.category, thirdParty: null, policyLine: entry.line });
    }
  }
  for (const entry of policy.doesNotCollect) {
    if (!anyRelated(entry.category, text.doesNotCollect.keys())) {
      differences.push({ direction: 'declared-not-disclosed', section: 'does_not_collect', category: entry.category, thirdParty: null, policyLine: entry.line });
    }
  }
  for (const tp of policy.thirdParties) {
    const disclosed = text.thirdParties.get(tp.sdk);
    if (!disclosed) {
      differences.push({ direction: 'declared-not-disclosed', section: 'third_parties', category: null, thirdParty: tp.sdk, policyLine: tp.line });
      continue;
    }
    for (const category of tp.receives) {
      if (!anyRelated(category, disclosed.receives.keys())) {
        differences.push({ direction: 'declared-not-disclosed', section: 'third_parties', category, thirdParty: tp.sdk, policyLine: tp.line });
      }
    }
  }

  for (const [category, d] of text.collects) {
    const declared = d.party === 'third' ? [...declaredCollects, ...declaredReceives] : declaredCollects;
    if (!anyRelated(category, declared)) {
      differences.push({ direction: 'disclosed-not-declared', section: 'collects', category, thirdParty: null, ...fromText(d) });
    }
  }
  for (const [category, d] of text.doesNotCollect) {
    if (!anyRelated(category, policy.doesNotCollect.map((c) => c.category))) {
      differences.push({ direction: 'disclosed-not-declared', section: 'does_not_collect', category, thirdParty: null, ...fromText(d) });
    }
  }
  for (const disclosed of text.thirdParties.values()) {
    const declared = policy.thirdParties.find((t) => t.sdk === disclosed.sdk);
    if (!declared) {
      differences.push({ direction: 'disclosed-not-declared', section: 'third_parties', category: null, thirdParty: disclosed.sdk, ...fromText(disclosed.evidence) });
    }
    for (const [category, d] of disclosed.receives) {
      if (!declared || !anyRelated(category, declared.receives)) {
        differences.push({ direction: 'disclosed-not-declared', section: 'third_parties', category, thirdParty: disclosed.sdk, ...fromText(d) });
      }
    }
  }
  return differences;
}
