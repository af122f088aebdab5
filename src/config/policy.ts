import fs from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, type Node } from 'yaml';
import { ConfigError, UsageError } from '../errors.js';
import type { Policy, PolicyCategoryEntry, PolicyThirdParty } from '../types.js';
import { loadCatalog } from './catalog.js';
import { hintFor } from './did-you-mean.js';
import { MAX_CONFIG_BYTES, readList, readMap, readNumber, readString, readStringList, YamlSource } from './yaml-source.js';

export const POLICY_FILE_NAME = 'policy.yaml';

const TOP_KEYS = ['version', 'app', 'privacy_policy', 'collects', 'does_not_collect', 'third_parties', 'scan'] as const;
const CATEGORY_ENTRY_KEYS = ['category', 'purposes'] as const;
const THIRD_PARTY_KEYS = ['sdk', 'receives', 'purposes'] as const;
const SCAN_KEYS = ['include', 'exclude', 'rules'] as const;

/** The nearest `policy.yaml` at or above `start`, or undefined. */
export function findPolicy(start: string): string | undefined {
  let dir = path.resolve(start);
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) dir = path.dirname(dir);
  for (;;) {
    const candidate = path.join(dir, POLICY_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Loads and validates a policy file (contract §2). Every problem is collected in one pass and
 * thrown together as a ConfigError naming `file:line:col`.
 * @param extraSdks SDK ids defined by user rule folders, accepted besides the built-in catalog.
 */
export function loadPolicy(file: string, extraSdks: Iterable<string> = []): Policy {
  const text = readConfigText(file);
  return parsePolicy(text, file, extraSdks);
}

export function readConfigText(file: string): string {
  const size = regularFileSize(file);
  if (size > MAX_CONFIG_BYTES) {
    throw new ConfigError([{ file, line: 1, column: 1, keyPath: '', message: `file is ${size} bytes; the limit is ${MAX_CONFIG_BYTES}` }]);
  }
  return fs.readFileSync(file, 'utf8');
}

/** The size of a file a user named; a missing path or a folder is a usage error. */
export function regularFileSize(file: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new UsageError(`cannot read ${file}: no such file`);
  }
  if (!stat.isFile()) throw new UsageError(`cannot read ${file}: not a file`);
  return stat.size;
}

export function parsePolicy(text: string, file: string, extraSdks: Iterable<string> = []): Policy {
  const src = new YamlSource(file, text);
  const catalog = loadCatalog();
  const categoryIds = [...catalog.categories.keys()];
  const sdkIds = [...catalog.sdks.keys(), ...extraSdks];
  const policy: Policy = {
    path: path.resolve(file),
    collects: [],
    doesNotCollect: [],
    thirdParties: [],
    scan: { include: [], exclude: [], rules: [] },
  };

  const checkCategory = (node: Node | null, keyPath: string): string | undefined => {
    const id = readString(src, node, keyPath);
    if (id === undefined) return undefined;
    if (catalog.categories.has(id)) return id;
    src.report(node, keyPath, `unknown category "${id}"`, hintFor(id, categoryIds) ?? 'run `privacy-lint rules` to list categories');
    return undefined;
  };

  const readCategoryEntries = (node: Node | null, key: string): PolicyCategoryEntry[] => {
    const entries: PolicyCategoryEntry[] = [];
    (readList(src, node, key) ?? []).forEach((item, i) => {
      const keyPath = `${key}[${i}]`;
      const line = src.at(item).line;
      if (isMap(item)) {
        const fields = readMap(src, item, keyPath, CATEGORY_ENTRY_KEYS);
        const categoryNode = fields?.get('category');
        if (!categoryNode) {
          if (fields) src.report(item, keyPath, 'missing key "category"');
          return;
        }
        const category = checkCategory(categoryNode.value, `${keyPath}.category`);
        const purposesNode = fields?.get('purposes');
        const purposes = purposesNode ? (readStringList(src, purposesNode.value, `${keyPath}.purposes`) ?? []) : [];
        if (category) entries.push({ category, purposes, line });
      } else {
        const category = checkCategory(item, keyPath);
        if (category) entries.push({ category, purposes: [], line });
      }
    });
    return entries;
  };

  const readThirdParties = (node: Node | null): PolicyThirdParty[] => {
    const out: PolicyThirdParty[] = [];
    (readList(src, node, 'third_parties') ?? []).forEach((item, i) => {
      const keyPath = `third_parties[${i}]`;
      const fields = readMap(src, item, keyPath, THIRD_PARTY_KEYS);
      if (!fields) return;
      const sdkNode = fields.get('sdk');
      if (!sdkNode) {
        src.report(item, keyPath, 'missing key "sdk"');
        return;
      }
      const sdk = readString(src, sdkNode.value, `${keyPath}.sdk`);
      if (sdk !== undefined && !sdkIds.includes(sdk)) {
        src.report(sdkNode.value, `${keyPath}.sdk`, `unknown SDK "${sdk}"`, hintFor(sdk, sdkIds) ?? 'run `privacy-lint rules` to list SDK ids');
        return;
      }
      const receivesNode = fields.get('receives');
      const receives: string[] = [];
      if (receivesNode) {
        (readList(src, receivesNode.value, `${keyPath}.receives`) ?? []).forEach((r, j) => {
          const id = checkCategory(r, `${keyPath}.receives[${j}]`);
          if (id) receives.push(id);
        });
      }
      const purposesNode = fields.get('purposes');
      const purposes = purposesNode ? (readStringList(src, purposesNode.value, `${keyPath}.purposes`) ?? []) : [];
      if (sdk !== undefined) out.push({ sdk, receives, purposes, line: src.at(item).line });
    });
    return out;
  };

  const root = src.document.contents;
  if (src.problems.length === 0) {
    if (root === null || (isScalar(root) && root.value === null)) {
      src.report(root, '', 'the policy is empty', 'start from `privacy-lint init`');
    } else {
      const fields = readMap(src, root, '', TOP_KEYS);
      if (fields) {
        const version = fields.get('version');
        if (!version) src.report(root, 'version', 'missing key "version"', 'add `version: 1`');
        else if (readNumber(src, version.value, 'version') !== undefined && (version.value as { value: unknown }).value !== 1) {
          src.report(version.value, 'version', 'unsupported version', 'this privacy-lint reads version 1');
        }
        const app = fields.get('app');
        if (app) policy.app = readString(src, app.value, 'app');
        const privacyPolicy = fields.get('privacy_policy');
        if (privacyPolicy) policy.privacyPolicy = readString(src, privacyPolicy.value, 'privacy_policy');
        const collects = fields.get('collects');
        if (collects) policy.collects = readCategoryEntries(collects.value, 'collects');
        const doesNot = fields.get('does_not_collect');
        if (doesNot) policy.doesNotCollect = readCategoryEntries(doesNot.value, 'does_not_collect');
        const thirdParties = fields.get('third_parties');
        if (thirdParties) policy.thirdParties = readThirdParties(thirdParties.value);
        const scan = fields.get('scan');
        if (scan) {
          const scanFields = readMap(src, scan.value, 'scan', SCAN_KEYS);
          for (const key of SCAN_KEYS) {
            const entry = scanFields?.get(key);
            if (entry) policy.scan[key] = readStringList(src, entry.value, `scan.${key}`) ?? [];
          }
        }
      }
    }
  }
  checkDuplicates(src, policy);
  if (src.problems.length > 0) throw new ConfigError(src.problems);
  return policy;
}

/** A category both collected and promised never to be collected, or an SDK listed twice, is a policy bug. */
function checkDuplicates(src: YamlSource, policy: Policy): void {
  for (const entry of policy.doesNotCollect) {
    const clash = policy.collects.find((c) => c.category === entry.category);
    if (clash) {
      src.problems.push({
        file: src.file,
        line: entry.line,
        column: 1,
        keyPath: 'does_not_collect',
        message: `"${entry.category}" is also listed under collects (line ${clash.line})`,
      });
    }
  }
  const seen = new Map<string, number>();
  for (const tp of policy.thirdParties) {
    const first = seen.get(tp.sdk);
    if (first !== undefined) {
      src.problems.push({ file: src.file, line: tp.line, column: 1, keyPath: 'third_parties', message: `SDK "${tp.sdk}" is listed twice (first on line ${first})` });
    } else seen.set(tp.sdk, tp.line);
  }
}
