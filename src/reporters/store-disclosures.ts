import { covers, loadCatalog } from '../config/catalog.js';
import type { Finding } from '../types.js';

export type Store = 'apple' | 'play';

/** Why data is collected, in store-neutral terms; each store names these its own way. */
export type StorePurpose = 'app-functionality' | 'analytics' | 'advertising';

/** One store data type the scan implies, with what led to it. */
export interface CollectedType {
  /** An `NSPrivacyCollectedDataType…` value, or a Play Data safety data type label. */
  type: string;
  /** Taxonomy categories that map to it, sorted. */
  categories: string[];
  /** Who collects it: SDK ids, and null for the app's own code (first). */
  collectors: (string | null)[];
  evidence: Finding[];
  /** Used to track the user across other companies' apps and sites (Apple's and Play's sense). */
  tracking: boolean;
  /** Linked to the user's identity. */
  linked: boolean;
  purposes: StorePurpose[];
}

/*
 * Judgement calls, documented in the README under `export`. A scan sees what is collected and by
 * whom, not why or whether it is tied to an account, so:
 * - tracking: advertising identifiers and fingerprinting exist to recognise a device across
 *   companies, so they count as tracking; nothing else does;
 * - linked: only data that identifies the person by nature (account, contact details); device ids
 *   are "not linked" unless the app ties them to an account, which the reviewer must say;
 * - purposes: the app's own collection is "app functionality", an SDK's is "analytics", and
 *   tracking data adds "advertising".
 */
const TRACKING = ['device.id.advertising', 'browser.fingerprint'];
const LINKED = ['account', 'contact_info'];

/** The store data types the findings imply, in the catalog's order of types. */
export function collectedTypes(findings: readonly Finding[], store: Store): CollectedType[] {
  const types = new Map<string, CollectedType>();
  for (const f of findings) {
    if (f.category === null) continue;
    for (const type of storeTypesOf(f.category, store)) {
      let entry = types.get(type);
      if (!entry) {
        entry = { type, categories: [], collectors: [], evidence: [], tracking: false, linked: false, purposes: [] };
        types.set(type, entry);
      }
      add(entry.categories, f.category);
      add(entry.collectors, f.thirdParty);
      entry.evidence.push(f);
      entry.tracking ||= TRACKING.some((t) => covers(t, f.category!));
      entry.linked ||= LINKED.some((t) => covers(t, f.category!));
      add(entry.purposes, f.thirdParty === null ? 'app-functionality' : 'analytics');
    }
  }
  return [...types.values()]
    .map((t) => ({
      ...t,
      categories: t.categories.sort(compare),
      collectors: t.collectors.sort((a, b) => (a === null ? -1 : b === null ? 1 : compare(a, b))),
      purposes: (['app-functionality', 'analytics', 'advertising'] as const).filter((p) => t.purposes.includes(p) || (p === 'advertising' && t.tracking)),
    }))
    .sort((a, b) => compare(a.type, b.type));
}

/**
 * A category's store types: its own mapping, or its nearest ancestor's (`device.info.model` has
 * none of its own and takes `device.info`'s). A category no ancestor maps has no store type.
 */
function storeTypesOf(category: string, store: Store): string[] {
  const categories = loadCatalog().categories;
  for (let id: string | undefined = category; id; id = id.includes('.') ? id.slice(0, id.lastIndexOf('.')) : undefined) {
    const mapped = categories.get(id)?.[store] ?? [];
    if (mapped.length > 0) return mapped;
  }
  return [];
}

function add<T>(list: T[], item: T): void {
  if (!list.includes(item)) list.push(item);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
