import type { Finding, ScanResult } from '../../src/types.js';

/** A finding with neutral defaults, for tests of code that consumes results. */
export function aFinding(partial: Partial<Finding>): Finding {
  const line = partial.line ?? 1;
  return { rule: 'r', category: null, thirdParty: null, status: 'unchecked', problems: [], file: 'src/a.ts', line, column: 1, endLine: line, endColumn: 2, evidence: 'x', message: 'm', ...partial };
}

/** A result holding these findings and nothing else. */
export function aResult(findings: Finding[]): ScanResult {
  return {
    version: 1,
    tool: { name: 'privacy-lint', version: '0.1.0' },
    policy: null,
    findings,
    unused: [],
    warnings: [],
    summary: { files: 1, findings: findings.length, undisclosed: 0, suppressed: 0, baselined: 0 },
  };
}
