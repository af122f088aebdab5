import type { RawFinding, RuleDefinition, SdkDefinition } from '../types.js';

export const SDK_DEFAULTS_FAMILY = 'sdk-defaults';

/**
 * One pseudo-rule per SDK for what it collects with no call in app code (Umeng's device ids, an
 * analytics SDK's server-side IP). They make `explain sdk-defaults/umeng` and SARIF rule metadata work.
 */
export function sdkDefaultRules(sdks: Iterable<SdkDefinition>): RuleDefinition[] {
  return [...sdks]
    .filter((s) => s.defaultCollects.length > 0)
    .map((s) => ({
      id: `${SDK_DEFAULTS_FAMILY}/${s.id}`,
      title: `${s.name}: data collected by default`,
      category: null,
      sdk: s.id,
      message: `${s.name} collects this by default`,
      why: s.disclosure,
      match: [],
      docs: `catalog/sdks.yaml#${s.id}`,
      source: SDK_DEFAULTS_FAMILY,
      line: 0,
    }));
}

/**
 * For each SDK found in the code, a finding per category it collects by default, placed at the
 * SDK's first presence (in path order) so that a reader sees where the SDK comes in.
 */
export function sdkDefaultFindings(findings: RawFinding[], sdks: ReadonlyMap<string, SdkDefinition>): RawFinding[] {
  const anchors = new Map<string, RawFinding>();
  for (const f of [...findings].sort(byLocation)) {
    if (f.thirdParty !== null && f.origin === 'code' && !anchors.has(f.thirdParty)) anchors.set(f.thirdParty, f);
  }
  const out: RawFinding[] = [];
  for (const [sdk, anchor] of anchors) {
    for (const category of sdks.get(sdk)?.defaultCollects ?? []) {
      out.push({ ...anchor, rule: `${SDK_DEFAULTS_FAMILY}/${sdk}`, category, origin: 'sdk-default' });
    }
  }
  return out;
}

export function byLocation(a: RawFinding, b: RawFinding): number {
  return compare(a.file, b.file) || a.line - b.line || a.column - b.column || compare(a.rule, b.rule) || compare(a.category ?? '', b.category ?? '');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
