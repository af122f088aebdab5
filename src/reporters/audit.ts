import path from 'node:path';
import { covers, loadCatalog } from '../config/catalog.js';
import type { Finding, FindingStatus, Policy, Problem, RuleDefinition, ScanResult, ScanWarning } from '../types.js';
import { isCapability, servingSdks } from './capabilities.js';
import { codeFrame } from './code-frame.js';
import { groupFindings, isSdkDefault, runsAtSameLocation } from './finding-groups.js';
import { categoryName, groupMessage, patchLines, sdkName, sdkShortName, unusedText } from './messages.js';
import { patchKeys, policyPatch } from './policy-patch.js';
import { policyOf } from './policy-of.js';
import type { ReportContext } from './types.js';

/** One line of the data inventory: a category, who collects it, where, and the verdict. */
export interface InventoryRow {
  category: string;
  name: string;
  /** SDK id, or null when the app's own code collects it. */
  collector: string | null;
  /** Every piece of evidence is the SDK's documented default collection (no call in app code). */
  byDefault: boolean;
  /** Every piece of evidence is a permission or usage string: access the app declares, not code that reads. */
  declaredAccess: boolean;
  evidence: Finding[];
  /** The least favourable status of the evidence. */
  status: FindingStatus;
  problems: Problem[];
  /** Purposes the policy gives for the declaration that covers this row. */
  purposes: string[];
}

/** A third-party SDK found in the code. */
export interface SdkEntry {
  id: string;
  name: string;
  shortName: string;
  /** What the SDK collects by itself, per its own documentation (catalog/sdks.yaml). */
  defaultCollects: { id: string; name: string }[];
  /** Whether `third_parties` lists it; null without a policy. */
  listed: boolean | null;
  receives: string[];
  purposes: string[];
  /** Where it comes into the app: dependencies, imports, initialisation. */
  presence: Finding[];
}

/** One place in the code with undisclosed findings: what was found there, the code, and the fix. */
export interface UndisclosedPlace {
  file: string;
  line: number;
  column: number;
  entries: { message: string; rule: string }[];
  excerpt?: string;
  /** Empty when an earlier place already showed every edit this one needs. */
  fix: string[];
}

/** Everything the audit report shows, computed once for the Markdown and HTML renderings. */
export interface AuditReport {
  title: string;
  toolVersion: string;
  policy: string | null;
  files: number;
  undisclosedCount: number;
  /** Plain-language paragraphs ending with the verdict, the list of gaps, then remarks. */
  summary: string[];
  gaps: string[];
  notes: string[];
  inventory: InventoryRow[];
  sdks: SdkEntry[];
  undisclosed: UndisclosedPlace[];
  /** The policy.yaml edits that would disclose everything undisclosed. */
  patch: string[];
  unused: string[];
  warnings: ScanWarning[];
  method: string[];
}

const STATUS_RANK: Record<FindingStatus, number> = { disclosed: 0, unchecked: 1, suppressed: 2, baselined: 3, undisclosed: 4 };

/** The audit of a result: every section the Markdown and HTML reports render, in plain data. */
export function buildAudit(result: ScanResult, ctx: ReportContext): AuditReport {
  const policy = policyOf(result, ctx);
  const inventory = inventoryOf(result.findings, policy, ctx.rules);
  const sdks = sdksOf(result.findings, policy, result.policy !== null);
  const viaSdk = servingSdks(result.findings, ctx.rules);
  const undisclosed = placesOf(result.findings.filter((f) => f.status === 'undisclosed'), ctx.root, viaSdk);
  return {
    title: `Privacy audit: ${policy?.app ?? path.basename(ctx.root)}`,
    toolVersion: result.tool.version,
    policy: result.policy,
    files: result.summary.files,
    undisclosedCount: result.summary.undisclosed,
    summary: summaryOf(result, inventory, sdks, policy),
    gaps: gapsOf(result.findings.filter((f) => f.status === 'undisclosed'), ctx.rules, viaSdk),
    notes: notesOf(result),
    inventory,
    sdks,
    undisclosed,
    patch: patchLines(policyPatch(result.findings.filter((f) => f.status === 'undisclosed'), viaSdk)),
    unused: result.unused.map((u) => `policy.yaml ${unusedText(u)}`),
    warnings: result.warnings,
    method: [
      'privacy-lint reads source code, manifests and dependency lists without running the app. A finding shows code that can collect the data, or an SDK that collects it; it does not show how often that happens or whether the user consented.',
      "What an SDK collects by default comes from the SDK vendor's own documentation, as recorded in privacy-lint's catalog; it applies as soon as the SDK is part of the app.",
      '"Declared access" means the app asks for a permission or declares a usage string that lets it read the data (an Android permission, an iOS purpose string); the code that reads it may be in an SDK. The policy discloses such access by saying which SDK receives the data, or that the app collects it.',
      'A category declared in the policy covers its narrower categories: declaring device.id discloses device.id.imei.',
    ],
  };
}

function placesOf(undisclosed: Finding[], root: string, viaSdk: (f: Finding) => string[]): UndisclosedPlace[] {
  const frames = new Map<string, string[] | null>();
  const fixesShown = new Set<string>();
  return runsAtSameLocation(groupFindings(undisclosed), (g) => g.head).map((run) => {
    const f = run[0]!.head;
    const excerpt = codeFrame(root, f.file, f.line, f.column, f.endLine, f.endColumn, frames);
    const patch = policyPatch(run.flatMap((g) => g.findings), viaSdk);
    const keys = patchKeys(patch);
    const fix = keys.every((k) => fixesShown.has(k)) ? [] : patchLines(patch);
    for (const k of keys) fixesShown.add(k);
    return {
      file: f.file,
      line: f.line,
      column: f.column,
      entries: run.map((g) => ({ message: groupMessage(g), rule: g.head.rule })),
      ...(excerpt ? { excerpt } : {}),
      fix,
    };
  });
}

function inventoryOf(findings: readonly Finding[], policy: Policy | undefined, rules: ReadonlyMap<string, RuleDefinition>): InventoryRow[] {
  const rows = new Map<string, InventoryRow>();
  for (const f of findings) {
    if (f.category === null) continue;
    const key = `${f.category}\0${f.thirdParty ?? ''}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        category: f.category,
        name: categoryName(f.category),
        collector: f.thirdParty,
        byDefault: true,
        declaredAccess: true,
        evidence: [],
        status: f.status,
        problems: [],
        purposes: purposesFor(policy, f.category, f.thirdParty),
      };
      rows.set(key, row);
    }
    row.evidence.push(f);
    row.byDefault &&= isSdkDefault(f);
    row.declaredAccess &&= isCapability(f, rules);
    if (STATUS_RANK[f.status] > STATUS_RANK[row.status]) row.status = f.status;
    for (const p of f.problems) if (!row.problems.includes(p)) row.problems.push(p);
  }
  // The app before its SDKs, then SDKs by id, within each category.
  return [...rows.values()].sort((a, b) => compare(a.category, b.category) || compare(a.collector ?? '', b.collector ?? ''));
}

function purposesFor(policy: Policy | undefined, category: string, thirdParty: string | null): string[] {
  if (!policy) return [];
  if (thirdParty !== null) return policy.thirdParties.find((t) => t.sdk === thirdParty)?.purposes ?? [];
  return [...new Set(policy.collects.filter((c) => covers(c.category, category)).flatMap((c) => c.purposes))];
}

function sdksOf(findings: readonly Finding[], policy: Policy | undefined, checked: boolean): SdkEntry[] {
  const catalog = loadCatalog();
  const ids = [...new Set(findings.flatMap((f) => (f.thirdParty ? [f.thirdParty] : [])))].sort(compare);
  return ids.map((id) => {
    const own = findings.filter((f) => f.thirdParty === id);
    const declared = policy?.thirdParties.find((t) => t.sdk === id);
    return {
      id,
      name: sdkName(id),
      shortName: sdkShortName(id),
      defaultCollects: (catalog.sdks.get(id)?.defaultCollects ?? []).map((c) => ({ id: c, name: categoryName(c) })),
      listed: checked ? declared !== undefined : null,
      receives: declared?.receives ?? [],
      purposes: declared?.purposes ?? [],
      presence: own.filter((f) => !isSdkDefault(f)),
    };
  });
}

/** Remarks that follow the gaps: what was accepted, what is declared but unused, what could not be read. */
function notesOf(result: ScanResult): string[] {
  const s = result.summary;
  const notes: string[] = [];
  const accepted = [s.suppressed ? `${plural(s.suppressed, 'finding')} suppressed in the code` : '', s.baselined ? `${plural(s.baselined, 'finding')} accepted in a baseline` : ''].filter(Boolean);
  if (accepted.length > 0) notes.push(`${capitalize(list(accepted))}: they appear in the inventory but do not count as failures.`);
  if (result.unused.length > 0) {
    notes.push(
      `The policy also declares ${plural(result.unused.length, 'thing')} the scan did not find. That is not a violation: the collection may happen where the scan cannot see it (on a server, in a native library), or the declaration may be out of date.`,
    );
  }
  if (result.warnings.length > 0) {
    notes.push(`${capitalize(plural(result.warnings.length, 'warning'))} came up during the scan (listed at the end); a file that could not be parsed was still searched as plain text.`);
  }
  return notes;
}

function summaryOf(result: ScanResult, inventory: InventoryRow[], sdks: SdkEntry[], policy: Policy | undefined): string[] {
  const app = policy?.app ?? 'the app';
  const files = plural(result.summary.files, 'file');
  const paragraphs = [
    result.policy === null
      ? `privacy-lint examined ${files} of ${app}. No policy.yaml was given, so this report lists what the code collects without judging it against a policy.`
      : `privacy-lint examined ${files} of ${app} and compared what the code collects with the declarations in ${result.policy}.`,
  ];
  const own = inventory.filter((r) => r.collector === null && !r.declaredAccess).map((r) => lower(categoryName(r.category)));
  const access = inventory.filter((r) => r.collector === null && r.declaredAccess).map((r) => lower(categoryName(r.category)));
  let ownText =
    own.length === 0
      ? "The app's own code was not found to collect any of the personal data privacy-lint looks for."
      : `The app's own code collects ${plural(own.length, 'kind')} of personal data: ${list(own)}.`;
  if (access.length > 0) ownText += ` The app also declares access (permissions or usage strings) to ${list(access)}.`;
  paragraphs.push(ownText);
  if (sdks.length > 0) {
    const withDefaults = sdks.filter((s) => s.defaultCollects.length > 0);
    let text = `The app includes ${plural(sdks.length, 'third-party SDK')}: ${list(sdks.map((s) => s.shortName))}.`;
    if (withDefaults.length > 0) {
      const each = withDefaults.map((s) => `${s.shortName} collects ${list(s.defaultCollects.map((c) => lower(c.name)))}`);
      text += ` SDKs collect data by themselves, as soon as they are part of the app, without any call in the app's code. According to their own documentation: ${each.join('; ')}.`;
    }
    paragraphs.push(text);
  }
  if (result.policy !== null) {
    const n = result.summary.undisclosed;
    paragraphs.push(n === 0 ? 'Everything found is disclosed in the policy.' : `${capitalize(plural(n, 'finding'))} ${n === 1 ? 'is' : 'are'} not disclosed by the policy:`);
  }
  return paragraphs;
}

/** One plain sentence per kind of gap, naming the data and the SDKs involved. */
function gapsOf(undisclosed: readonly Finding[], rules: ReadonlyMap<string, RuleDefinition>, viaSdk: (f: Finding) => string[]): string[] {
  const gaps: string[] = [];
  const contradicted = undisclosed.filter((f) => f.problems.includes('contradicted'));
  for (const category of unique(contradicted.map((f) => f.category!))) {
    const where = contradicted.filter((f) => f.category === category).map((f) => `${f.file}:${f.line}`);
    gaps.push(`The policy promises never to collect ${lower(categoryName(category))} (${category}), but the code does: ${list(unique(where))}.`);
  }
  const own = undisclosed.filter((f) => f.thirdParty === null && f.problems.includes('undisclosed-category') && !f.problems.includes('contradicted'));
  const served = own.filter((f) => viaSdk(f).length > 0);
  const declared = own.filter((f) => viaSdk(f).length === 0 && isCapability(f, rules));
  const read = own.filter((f) => !isCapability(f, rules));
  const named = (fs: Finding[]) => unique(fs.map((f) => f.category!)).map((c) => `${lower(categoryName(c))} (${c})`);
  const places = (fs: Finding[]) => list(unique(fs.map((f) => `${f.file}:${f.line}`)));
  if (read.length > 0) gaps.push(`The app collects ${list(named(read))}, but the policy does not declare ${pronoun(named(read))} under collects.`);
  if (declared.length > 0) {
    gaps.push(`The app declares access to ${list(named(declared))} (a permission or usage string: ${places(declared)}), but the policy does not declare ${pronoun(named(declared))} under collects.`);
  }
  const unlisted = unique(undisclosed.filter((f) => f.problems.includes('undisclosed-third-party')).map((f) => f.thirdParty!));
  for (const sdk of unlisted) {
    const data = unique(undisclosed.filter((f) => f.thirdParty === sdk && f.category !== null).map((f) => f.category!));
    gaps.push(
      `The policy does not mention ${sdkShortName(sdk)} (${sdk}) at all${data.length > 0 ? `, so it does not disclose that ${sdkShortName(sdk)} receives ${list(data.map((c) => lower(categoryName(c))))}` : ''}.`,
    );
  }
  const sharing = undisclosed.filter((f) => f.problems.includes('undisclosed-sharing') && !f.problems.includes('undisclosed-third-party'));
  for (const sdk of unique(sharing.map((f) => f.thirdParty!))) {
    const data = unique(sharing.filter((f) => f.thirdParty === sdk).map((f) => f.category!));
    gaps.push(`The policy names ${sdkShortName(sdk)} but does not say that it receives ${list(data.map((c) => `${lower(categoryName(c))} (${c})`))}.`);
  }
  if (served.length > 0) {
    const sdkIds = unique(served.flatMap(viaSdk));
    const sdks = list(sdkIds.map(sdkShortName));
    const [collect, receive] = sdkIds.length === 1 ? ['collects', 'receives'] : ['collect', 'receive'];
    const it = pronoun(named(served));
    gaps.push(
      `The app declares access to ${list(named(served))} (a permission or usage string: ${places(served)}), which ${sdks} ${collect} too: saying that ${sdks} ${receive} ${it} discloses this access, unless the app also reads ${it} itself.`,
    );
  }
  return gaps;
}

function pronoun(items: unknown[]): string {
  return items.length === 1 ? 'it' : 'them';
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** "a", "a and b", "a, b and c"; items that hold commas themselves are separated by semicolons. */
function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  const separator = items.some((i) => i.includes(',')) ? '; ' : ', ';
  return `${items.slice(0, -1).join(separator)} and ${items.at(-1)}`;
}

/** Lower-cases a label's first word for use mid-sentence, unless it names something ("IMEI", "Android ID"). */
function lower(text: string): string {
  const [first = '', second = ''] = text.split(/\s+/);
  return /^[A-Z][a-z]+$/.test(first) && !/^[A-Z]/.test(second) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

function capitalize(text: string): string {
  return text.length > 0 ? text[0]!.toUpperCase() + text.slice(1) : text;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
