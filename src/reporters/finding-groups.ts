import { SDK_DEFAULTS_FAMILY } from '../engine/sdk-defaults.js';
import type { Finding } from '../types.js';
import { pushTo } from '../map-of-lists.js';

/**
 * Findings a reader sees as one entry. The engine emits one `sdk-defaults/<sdk>` finding per
 * category at the SDK's first presence; people read that as "this SDK collects these", so the
 * findings of one SDK at one place with the same status and problems share an entry.
 */
export interface FindingGroup {
  /** The first finding: its rule, location, SDK, status and problems stand for the group. */
  head: Finding;
  findings: Finding[];
  /** Categories of the group in finding order; empty for a finding that only shows an SDK is present. */
  categories: string[];
}

/** A finding for what an SDK collects by default (the `sdk-defaults/<sdk>` pseudo-rules), not for code. */
export function isSdkDefault(f: Finding): boolean {
  return f.rule.startsWith(`${SDK_DEFAULTS_FAMILY}/`);
}

/** Groups in the order of their first finding, so the engine's stable order carries through. */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const groups: FindingGroup[] = [];
  const open = new Map<string, FindingGroup>();
  for (const f of findings) {
    const key = isSdkDefault(f) ? [f.rule, f.file, f.line, f.column, f.status, f.problems.join(',')].join('\0') : undefined;
    const existing = key === undefined ? undefined : open.get(key);
    if (existing) {
      existing.findings.push(f);
      if (f.category !== null && !existing.categories.includes(f.category)) existing.categories.push(f.category);
      continue;
    }
    const group: FindingGroup = { head: f, findings: [f], categories: f.category === null ? [] : [f.category] };
    groups.push(group);
    if (key !== undefined) open.set(key, group);
  }
  return groups;
}

/** Consecutive runs of items at the same `file:line:column`, so a code frame is shown once per place. */
export function runsAtSameLocation<T>(items: readonly T[], locate: (item: T) => Finding): T[][] {
  const runs: T[][] = [];
  for (const item of items) {
    const last = runs.at(-1);
    const here = locate(item);
    const there = last ? locate(last[0]!) : undefined;
    if (last && there && there.file === here.file && there.line === here.line && there.column === here.column) last.push(item);
    else runs.push([item]);
  }
  return runs;
}

/** Items keyed by file, in first-seen order. */
export function byFile<T>(items: readonly T[], locate: (item: T) => Finding): Map<string, T[]> {
  const files = new Map<string, T[]>();
  for (const item of items) pushTo(files, locate(item).file, item);
  return files;
}
