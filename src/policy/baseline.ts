import fs from 'node:fs';
import { UsageError } from '../errors.js';
import type { Finding, ScanWarning } from '../types.js';
import { writeAtomically } from '../write-atomically.js';

/** Default baseline file, in the scan root, when `--update-baseline` is given without `--baseline`. */
export const DEFAULT_BASELINE_FILE = 'privacy-lint-baseline.json';
const BASELINE_VERSION = 1;

/**
 * One accepted finding. It names what was found and where in words, never by line number, so it
 * still matches after code above it moves or unrelated lines change.
 */
export interface BaselineEntry {
  file: string;
  rule: string;
  category: string | null;
  thirdParty: string | null;
  /** The finding's evidence, normalised so that reformatting keeps the match. */
  evidence: string;
  /** 1 for the first finding with this file, rule, category, SDK and evidence; 2 for the next... */
  occurrence: number;
}

interface BaselineFile {
  version: typeof BASELINE_VERSION;
  findings: BaselineEntry[];
}

function failing(f: Finding): boolean {
  return f.status === 'undisclosed' || f.status === 'baselined';
}

/**
 * The baseline identity of each failing finding, counting identical ones in a file in location
 * order. Disclosed and suppressed findings are not counted, so suppressing or removing one of two
 * identical findings does not renumber the other. Contradictions are counted: whether a finding
 * contradicts depends only on its category, which is part of the identity, so they never
 * interleave with acceptable findings of the same identity.
 */
function entriesOf(findings: readonly Finding[]): Map<Finding, BaselineEntry> {
  const seen = new Map<string, number>();
  const out = new Map<Finding, BaselineEntry>();
  for (const f of findings.filter(failing)) {
    const evidence = normalise(f.evidence);
    const base = JSON.stringify([f.file, f.rule, f.category, f.thirdParty, evidence]);
    const occurrence = (seen.get(base) ?? 0) + 1;
    seen.set(base, occurrence);
    out.set(f, { file: f.file, rule: f.rule, category: f.category, thirdParty: f.thirdParty, evidence, occurrence });
  }
  return out;
}

/**
 * Evidence as a formatter would leave it: whitespace collapsed, none beside punctuation, one kind of
 * quote. Reformatting (`navigator .userAgent`, `'x'` to `"x"`) then keeps the match.
 */
function normalise(evidence: string): string {
  return evidence
    .replace(/\s+/g, ' ')
    .replace(/ ?([^\w\s$]) ?/g, '$1')
    .replace(/['`]/g, '"')
    .trim();
}

function keyOf(e: BaselineEntry): string {
  return JSON.stringify([e.file, e.rule, e.category, e.thirdParty, normalise(e.evidence), e.occurrence]);
}

/**
 * Marks the undisclosed findings the baseline records as `baselined`. Entries for files this scan
 * covered that no longer match anything are reported, so the baseline shrinks as debt is paid.
 * @param findings in output order (by file, line, column, rule), which the occurrence count relies on
 * @param covered whether this scan speaks for a file (scanned it, or knows it is gone): entries
 *   for other files are neither used nor stale
 */
export function applyBaseline(
  findings: Finding[],
  entries: readonly BaselineEntry[],
  covered: (file: string) => boolean,
  baselineFile: string,
): { findings: Finding[]; warnings: ScanWarning[] } {
  const accepted = new Set(entries.map(keyOf));
  const current = entriesOf(findings);
  const matched = new Set<string>();
  const contradicted = new Set<string>();
  const out = findings.map((f) => {
    const entry = current.get(f);
    const key = entry && keyOf(entry);
    if (!key || !accepted.has(key)) return f;
    if (f.problems.includes('contradicted')) {
      contradicted.add(key);
      return f;
    }
    matched.add(key);
    return { ...f, status: 'baselined' as const };
  });
  const warnings: ScanWarning[] = [];
  for (const e of entries) {
    const key = keyOf(e);
    if (!covered(e.file) || matched.has(key)) continue;
    const what = `${e.file}: ${e.rule} "${e.evidence}"${e.occurrence > 1 ? ` (occurrence ${e.occurrence})` : ''}`;
    warnings.push({
      file: baselineFile,
      message: contradicted.has(key)
        ? `entry ${what} cannot be accepted: policy.yaml promises never to collect ${e.category} (does_not_collect), and a baseline never hides a contradiction`
        : `stale entry ${what}: no longer found; --update-baseline removes it`,
    });
  }
  return { findings: out, warnings };
}

/**
 * The baseline that accepts everything failing today except contradictions. Entries for files
 * this scan does not cover (outside a `--staged` or `--since` selection) are kept as they were.
 */
export function baselineEntries(findings: readonly Finding[], previous: readonly BaselineEntry[], covered: (file: string) => boolean): BaselineEntry[] {
  const current = entriesOf(findings);
  const kept = previous.filter((e) => !covered(e.file));
  const now = [...current].filter(([f]) => !f.problems.includes('contradicted')).map(([, entry]) => entry);
  return [...kept, ...now].sort(compareEntries);
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  const ka = [a.file, a.rule, a.category ?? '', a.thirdParty ?? '', a.evidence];
  const kb = [b.file, b.rule, b.category ?? '', b.thirdParty ?? '', b.evidence];
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
  return a.occurrence - b.occurrence;
}

/** Reads a baseline; a missing file is empty only when `missingOk` (it is about to be written). */
export function readBaseline(file: string, missingOk: boolean): BaselineEntry[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && missingOk) return [];
    throw new UsageError(`cannot read baseline ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file (create it with --update-baseline)' : (error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`baseline ${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isBaselineFile(parsed)) throw new UsageError(`${file} is not a privacy-lint baseline (version ${BASELINE_VERSION}); recreate it with --update-baseline`);
  return parsed.findings;
}

/** Sorted, one entry per line group, no timestamps: the same findings always give the same bytes. */
export function writeBaseline(file: string, entries: readonly BaselineEntry[]): void {
  const content: BaselineFile = { version: BASELINE_VERSION, findings: [...entries] };
  writeAtomically(file, `${JSON.stringify(content, null, 2)}\n`);
}

function isBaselineFile(value: unknown): value is BaselineFile {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<BaselineFile>;
  return v.version === BASELINE_VERSION && Array.isArray(v.findings) && v.findings.every(isEntry);
}

function isEntry(e: unknown): e is BaselineEntry {
  if (!e || typeof e !== 'object') return false;
  const x = e as Record<string, unknown>;
  const nullableString = (v: unknown) => v === null || typeof v === 'string';
  return (
    typeof x.file === 'string' &&
    typeof x.rule === 'string' &&
    nullableString(x.category) &&
    nullableString(x.thirdParty) &&
    typeof x.evidence === 'string' &&
    Number.isInteger(x.occurrence) &&
    (x.occurrence as number) >= 1
  );
}
