import { createHash } from 'node:crypto';
import type { Log, ReportingDescriptor, Result, Run } from 'sarif';
import type { Finding, Policy, RuleDefinition } from '../types.js';
import { ruleHelp, unusedText } from './messages.js';
import { policyOf } from './policy-of.js';
import type { ReportContext, Reporter } from './types.js';

const SRCROOT = '%SRCROOT%';
const FINGERPRINT = 'privacyLintFinding/v1';
const UNUSED_RULE = 'policy/unused-declaration';
const INFORMATION_URI = 'https://www.npmjs.com/package/privacy-lint';

/**
 * SARIF 2.1.0 for code-scanning services. Every finding is a result: undisclosed ones at level
 * `error`, the rest `note` (suppressed ones carry an in-source suppression, baselined ones
 * `baselineState: unchanged`); unused policy declarations are notes on the policy file. Rule
 * metadata comes from the rule YAML. URIs are relative to `%SRCROOT%`, the scan root.
 */
export const sarif: Reporter = (result, ctx) => {
  const ruleIds = [...new Set(result.findings.map((f) => f.rule))].sort();
  if (result.unused.length > 0) ruleIds.push(UNUSED_RULE);
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const fingerprints = fingerprintsOf(result.findings);
  const policy = result.unused.length > 0 ? policyOf(result, ctx) : undefined;

  const results: Result[] = result.findings.map((f, i) => ({
    ruleId: f.rule,
    ruleIndex: index.get(f.rule)!,
    level: f.status === 'undisclosed' ? 'error' : 'note',
    message: { text: sentence(f.message) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifact(f.file),
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn, snippet: { text: f.evidence } },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT]: fingerprints[i]! },
    ...(f.status === 'suppressed' ? { suppressions: [{ kind: 'inSource' as const }] } : {}),
    ...(f.status === 'baselined' ? { baselineState: 'unchanged' as const } : {}),
    properties: { category: f.category, thirdParty: f.thirdParty, status: f.status, problems: f.problems },
  }));

  for (const u of result.unused) {
    const line = policy ? declarationLine(policy, u.category, u.thirdParty) : undefined;
    results.push({
      ruleId: UNUSED_RULE,
      ruleIndex: index.get(UNUSED_RULE)!,
      level: 'note',
      message: { text: sentence(`policy.yaml ${unusedText(u)}`) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifact(result.policy ?? 'policy.yaml'),
            ...(line ? { region: { startLine: line } } : {}),
          },
        },
      ],
      partialFingerprints: { [FINGERPRINT]: hash(['unused', u.category ?? '', u.thirdParty ?? '']) },
      properties: { category: u.category, thirdParty: u.thirdParty },
    });
  }

  const run: Run = {
    tool: {
      driver: {
        name: result.tool.name,
        version: result.tool.version,
        semanticVersion: result.tool.version,
        informationUri: INFORMATION_URI,
        rules: ruleIds.map((id) => descriptor(id, ctx)),
      },
    },
    originalUriBaseIds: { [SRCROOT]: { description: { text: 'The folder privacy-lint scanned; every path is relative to it.' } } },
    invocations: [
      {
        executionSuccessful: true,
        toolExecutionNotifications: result.warnings.map((w) => ({
          level: 'warning' as const,
          message: { text: sentence(w.message) },
          locations: [{ physicalLocation: { artifactLocation: artifact(w.file) } }],
        })),
      },
    ],
    results,
    columnKind: 'utf16CodeUnits',
    properties: { policy: result.policy, summary: result.summary },
  };
  const log: Log = { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] };
  return `${JSON.stringify(log, null, 2)}\n`;
};

function descriptor(id: string, ctx: ReportContext): ReportingDescriptor {
  if (id === UNUSED_RULE) {
    return {
      id,
      name: 'UnusedDeclaration',
      shortDescription: { text: 'A policy.yaml declaration that nothing in the code uses.' },
      fullDescription: {
        text: 'The policy declares a category or SDK that the scan did not find. It is not a violation (it fails only with --strict), but it may over-disclose, or point at code the scan does not see.',
      },
      help: { text: 'Remove the declaration if the app no longer collects or shares that data, or keep it if the collection happens where privacy-lint cannot see it.' },
      defaultConfiguration: { level: 'note' },
      properties: { tags: ['privacy'] },
    };
  }
  const rule = ctx.rules.get(id);
  if (!rule) return { id, shortDescription: { text: sentence(id) } };
  const docs = docsUrl(rule, ctx.rules);
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: sentence(rule.title) },
    fullDescription: { text: sentence(rule.why ?? rule.message) },
    help: { text: `${sentence(rule.message)} ${ruleHelp(rule)}` },
    ...(docs ? { helpUri: docs } : {}),
    defaultConfiguration: { level: 'error' },
    properties: {
      tags: ['privacy', ...(rule.category ? [rule.category] : []), ...(rule.sdk ? [rule.sdk] : [])],
      category: rule.category,
      sdk: rule.sdk,
    },
  };
}

/**
 * The rule's documentation URL. SARIF wants an absolute URI; a pseudo-rule such as
 * `sdk-defaults/umeng` points into the catalog, so it borrows the docs of a rule of the same SDK.
 */
function docsUrl(rule: RuleDefinition, rules: ReadonlyMap<string, RuleDefinition>): string | undefined {
  if (isAbsoluteUrl(rule.docs)) return rule.docs;
  if (!rule.sdk) return undefined;
  for (const other of rules.values()) if (other.sdk === rule.sdk && isAbsoluteUrl(other.docs)) return other.docs;
  return undefined;
}

function isAbsoluteUrl(text: string): boolean {
  return /^https?:\/\/\S+$/.test(text);
}

/**
 * A fingerprint that survives line moves: the rule, data, SDK, file and evidence text, plus the
 * occurrence number among identical ones in the same file (in line order), but never the line.
 */
function fingerprintsOf(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const key = [f.rule, f.category ?? '', f.thirdParty ?? '', f.file, f.evidence.replace(/\s+/g, ' ').trim()];
    const id = key.join('\0');
    const occurrence = seen.get(id) ?? 0;
    seen.set(id, occurrence + 1);
    return hash([...key, String(occurrence)]);
  });
}

function hash(parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);
}

function declarationLine(policy: Policy, category: string | null, thirdParty: string | null): number | undefined {
  if (thirdParty !== null) return policy.thirdParties.find((t) => t.sdk === thirdParty)?.line;
  return policy.collects.find((c) => c.category === category)?.line;
}

function artifact(file: string) {
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** SARIF viewers show messages as sentences; the validator asks for a closing period. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}
