import type { Finding } from '../types.js';

/** The policy.yaml changes that would disclose a set of findings, each list sorted. */
export interface PolicyPatch {
  /** Categories to add under `collects`. */
  collects: string[];
  /** SDKs to add under `third_parties`, with the categories they receive (possibly none). */
  newThirdParties: Map<string, string[]>;
  /** SDKs already listed whose `receives` lacks these categories. */
  moreReceives: Map<string, string[]>;
  /**
   * Categories a permission or usage string grants that SDKs in the scan collect: disclosed by
   * those SDKs' `receives` (or by `collects`, if the app reads them too).
   */
  servedBySdks: Map<string, string[]>;
  /**
   * Categories `does_not_collect` promises the code never collects. No addition fixes these: the
   * code or the published promise has to change, so they get no other fix.
   */
  contradicted: string[];
}

/**
 * The edits that would disclose `findings`: the app's categories under `collects`, SDKs under
 * `third_parties` with what they receive, and contradictions, which no addition fixes.
 * @param servingSdks for a finding, the SDKs whose receives would disclose it instead of
 *   `collects` (see `servingSdks` in capabilities.ts); none by default.
 */
export function policyPatch(findings: readonly Finding[], servingSdks: (f: Finding) => string[] = () => []): PolicyPatch {
  const collects = new Set<string>();
  const servedBySdks = new Map<string, Set<string>>();
  const newThirdParties = new Map<string, Set<string>>();
  const moreReceives = new Map<string, Set<string>>();
  const contradicted = new Set<string>();
  const add = (map: Map<string, Set<string>>, sdk: string, category: string | null) => {
    const set = map.get(sdk) ?? new Set<string>();
    if (category !== null) set.add(category);
    map.set(sdk, set);
  };
  for (const f of findings) {
    if (f.problems.includes('contradicted')) {
      contradicted.add(f.category!);
      continue;
    }
    if (f.thirdParty !== null && f.problems.includes('undisclosed-third-party')) add(newThirdParties, f.thirdParty, f.category);
    else if (f.thirdParty !== null && f.problems.includes('undisclosed-sharing')) add(moreReceives, f.thirdParty, f.category);
    if (!f.problems.includes('undisclosed-category') || f.category === null) continue;
    const sdks = servingSdks(f);
    if (sdks.length === 0) collects.add(f.category);
    for (const sdk of sdks) add(servedBySdks, f.category, sdk);
  }
  const sorted = (map: Map<string, Set<string>>) => new Map([...map].sort(([a], [b]) => compare(a, b)).map(([k, v]) => [k, [...v].sort(compare)]));
  return {
    collects: [...collects].sort(compare),
    newThirdParties: sorted(newThirdParties),
    moreReceives: sorted(moreReceives),
    servedBySdks: sorted(servedBySdks),
    contradicted: [...contradicted].sort(compare),
  };
}

/** One key per edit in a patch, to tell whether a patch adds anything to edits already shown. */
export function patchKeys(p: PolicyPatch): string[] {
  return [
    ...p.collects.map((c) => `collects:${c}`),
    ...[...p.newThirdParties].flatMap(([sdk, receives]) => [`sdk:${sdk}`, ...receives.map((r) => `receives:${sdk}:${r}`)]),
    ...[...p.moreReceives].flatMap(([sdk, receives]) => receives.map((r) => `receives:${sdk}:${r}`)),
    ...[...p.servedBySdks].map(([category, sdks]) => `served:${category}:${sdks.join(',')}`),
    ...p.contradicted.map((c) => `contradicted:${c}`),
  ];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
