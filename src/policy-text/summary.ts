import { covers } from '../config/catalog.js';
import type { CategoryId, SdkId } from '../types.js';
import type { Disclosure } from './extract.js';

/** An SDK the text names, with what the text says it receives. */
export interface DisclosedSdk {
  sdk: SdkId;
  /** The first sentence that names it. */
  evidence: Disclosure;
  receives: Map<CategoryId, Disclosure>;
}

/**
 * The policy-level reading of a text, in the shape of policy.yaml. Each entry keeps the first
 * sentence that supports it; maps are in order of first appearance.
 */
export interface PolicyTextSummary {
  /** Categories the app (or an unnamed third party) is said to collect. */
  collects: Map<CategoryId, Disclosure>;
  /** Categories found only in negated statements: promises not to collect. */
  doesNotCollect: Map<CategoryId, Disclosure>;
  thirdParties: Map<SdkId, DisclosedSdk>;
}

function addFirst<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (!map.has(key)) map.set(key, value);
}

/**
 * Folds sentence-level disclosures into what the policy discloses. A category counts as promised
 * not to be collected only when nothing in the text affirms it or any of its children: "we do not
 * collect your location" next to "we infer your approximate location" is not a promise.
 */
export function summarizeDisclosures(disclosures: Disclosure[]): PolicyTextSummary {
  const summary: PolicyTextSummary = { collects: new Map(), doesNotCollect: new Map(), thirdParties: new Map() };
  const affirmed = disclosures.filter((d) => !d.negated);
  for (const d of affirmed) {
    if (d.thirdParty !== null) {
      addFirst(summary.thirdParties, d.thirdParty, { sdk: d.thirdParty, evidence: d, receives: new Map() });
      if (d.category !== null) addFirst(summary.thirdParties.get(d.thirdParty)!.receives, d.category, d);
    } else if (d.category !== null) {
      addFirst(summary.collects, d.category, d);
    }
  }
  const affirmedCategories = affirmed.flatMap((d) => (d.category === null ? [] : [d.category]));
  for (const d of disclosures) {
    if (!d.negated || d.category === null) continue;
    const category = d.category;
    if (affirmedCategories.some((a) => covers(category, a))) continue;
    addFirst(summary.doesNotCollect, category, d);
  }
  return summary;
}
