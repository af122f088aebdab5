import { covers } from '../config/catalog.js';
import type { Finding, Policy, Problem, RawFinding, UnusedDeclaration } from '../types.js';

/**
 * The policy problems of one finding, before suppressions and baselines (contract §3).
 * @param presentSdks SDKs found in the code: a permission such as READ_PHONE_STATE is disclosed
 *   when the app collects the category or when a present, declared SDK receives it, because
 *   SDKs like Umeng need the permission the app declares for them.
 */
export function problemsOf(f: RawFinding, policy: Policy, presentSdks: ReadonlySet<string> = new Set()): Problem[] {
  const problems: Problem[] = [];
  const category = f.category;
  if (f.origin === 'capability' && f.thirdParty === null && category !== null) {
    const declaredByApp = policy.collects.some((c) => covers(c.category, category));
    const declaredForSdk = policy.thirdParties.some((t) => presentSdks.has(t.sdk) && t.receives.some((r) => covers(r, category)));
    if (!declaredByApp && !declaredForSdk) problems.push('undisclosed-category');
  } else if (f.thirdParty !== null) {
    const declared = policy.thirdParties.find((t) => t.sdk === f.thirdParty);
    if (!declared) problems.push('undisclosed-third-party');
    if (category !== null && !declared?.receives.some((r) => covers(r, category))) problems.push('undisclosed-sharing');
  } else if (category !== null && !policy.collects.some((c) => covers(c.category, category))) {
    problems.push('undisclosed-category');
  }
  if (category !== null && policy.doesNotCollect.some((d) => covers(d.category, category))) problems.push('contradicted');
  return problems;
}

/**
 * Gives each finding its status. Suppressions never hide a contradiction: a promise in the
 * published policy that the code breaks always fails.
 */
export function evaluate(
  raw: RawFinding[],
  policy: Policy | undefined,
  suppressed: ReadonlySet<RawFinding>,
  message: (f: RawFinding, problems: Problem[]) => string,
): Finding[] {
  const presentSdks = new Set(raw.flatMap((f) => (f.thirdParty ? [f.thirdParty] : [])));
  return raw.map((f) => {
    const problems = policy ? problemsOf(f, policy, presentSdks) : [];
    const status: Finding['status'] = !policy
      ? suppressed.has(f) ? 'suppressed' : 'unchecked'
      : problems.length === 0
        ? 'disclosed'
        : suppressed.has(f) && !problems.includes('contradicted')
          ? 'suppressed'
          : 'undisclosed';
    // Key order follows the contract's JSON (§6), so every reporter sees the same shape.
    return {
      rule: f.rule,
      category: f.category,
      thirdParty: f.thirdParty,
      status,
      problems,
      file: f.file,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      evidence: f.evidence,
      message: message(f, problems),
    };
  });
}

/** Declarations nothing in the code uses: collected categories, SDKs, and what an SDK receives. */
export function unusedDeclarations(raw: RawFinding[], policy: Policy): UnusedDeclaration[] {
  const unused: UnusedDeclaration[] = [];
  for (const entry of policy.collects) {
    if (!raw.some((f) => f.category !== null && covers(entry.category, f.category))) unused.push({ category: entry.category, thirdParty: null });
  }
  for (const tp of policy.thirdParties) {
    const own = raw.filter((f) => f.thirdParty === tp.sdk);
    if (own.length === 0) {
      unused.push({ category: null, thirdParty: tp.sdk });
      continue;
    }
    for (const r of tp.receives) {
      if (!own.some((f) => f.category !== null && covers(r, f.category))) unused.push({ category: r, thirdParty: tp.sdk });
    }
  }
  return unused;
}
