import { covers } from '../config/catalog.js';
import type { Finding, RuleDefinition } from '../types.js';

const CAPABILITY_MATCHERS = new Set(['permission', 'plist-key']);

/** A finding that shows the app may access data (a permission, a usage string), not code that reads it. */
export function isCapability(f: Finding, rules: ReadonlyMap<string, RuleDefinition>): boolean {
  const rule = rules.get(f.rule);
  return rule !== undefined && rule.match.length > 0 && rule.match.every((m) => CAPABILITY_MATCHERS.has(m.type));
}

/**
 * For a capability finding, the SDKs in the scan that collect what it grants: Umeng needs the
 * READ_PHONE_STATE the app declares, and the policy discloses it by saying Umeng receives the
 * IMEI. The policy evaluator accepts either that or `collects`; a fix should offer the SDK first
 * rather than claim the app reads the IMEI itself. Empty for any other finding.
 */
export function servingSdks(findings: readonly Finding[], rules: ReadonlyMap<string, RuleDefinition>): (f: Finding) => string[] {
  const sdkCategories = findings.filter((f) => f.thirdParty !== null && f.category !== null);
  return (f) => {
    if (f.thirdParty !== null || f.category === null || !isCapability(f, rules)) return [];
    return [...new Set(sdkCategories.filter((s) => covers(s.category!, f.category!)).map((s) => s.thirdParty!))].sort();
  };
}
