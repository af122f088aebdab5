import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scan } from '../../src/index.js';
import type { Finding, ScanResult } from '../../src/types.js';

/**
 * Scans in-memory files with the built-in rules plus one probe family `probe/rules`, written from
 * `rulesYaml` (the items under `rules:`). Tests of a scanner's semantics use probe rules so that
 * they do not depend on what the built-in rule files say.
 */
export async function probeScan(rulesYaml: string, files: Record<string, string>): Promise<{ result: ScanResult; probe: Finding[] }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-lint-native-'));
  try {
    fs.mkdirSync(path.join(root, 'rules', 'probe'), { recursive: true });
    fs.writeFileSync(path.join(root, 'rules', 'probe', 'rules.yaml'), `title: probe\ndocs: https://example.com\nrules:\n${rulesYaml}`);
    const result = await scan({
      cwd: root,
      policy: false,
      includeTests: true,
      rules: [path.join(root, 'rules')],
      files: Object.entries(files).map(([file, text]) => ({ path: file, text })),
    });
    return { result, probe: result.findings.filter((f) => f.rule.startsWith('probe/')) };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** `line:column rule-name evidence` of each finding, for compact assertions. */
export function located(findings: Finding[]): string[] {
  return findings.map((f) => `${f.line}:${f.column} ${f.rule.replace(/^probe\/rules\//, '')} ${f.evidence}`);
}
