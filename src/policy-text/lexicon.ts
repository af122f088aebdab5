import { loadCatalog } from '../config/catalog.js';
import type { CategoryId, SdkId } from '../types.js';
import { CATEGORY_TERMS, type CategoryTerm, SDK_HOSTS, SDK_TERMS, type SdkTerm } from './lexicon-terms.js';
import { escapeRegex } from '../escape-regex.js';

/** One compiled phrase: a category term, an SDK name, or a look-alike that names neither. */
export interface CompiledTerm {
  regex: RegExp;
  category: CategoryId | null;
  sdk: SdkId | null;
  weak: boolean;
  contextual: boolean;
}

export interface PolicyLexicon {
  categories: CompiledTerm[];
  sdks: CompiledTerm[];
  hosts: Map<string, SdkId>;
}

/**
 * A match must not start or end inside an ASCII word ("SSID" in "BSSID"), but may touch Chinese
 * text on either side ("的IMEI信息", "友盟SDK"): the boundary applies only to an edge that is itself
 * a letter or digit.
 */
const EDGE = '(?:(?<![A-Za-z0-9])|(?![A-Za-z0-9]))';

/** Spaces in a phrase match any run of spaces or hyphens, or none ("Wi-Fi", "IP-address", "IP 地址"). */
function flexible(pattern: string): string {
  return pattern.replace(/ /g, '[\\s\\u00a0-]*');
}

function compile(pattern: string, caseSensitive: boolean): RegExp {
  return new RegExp(`${EDGE}(?:${flexible(pattern)})(?:e?s)?${EDGE}`, caseSensitive ? 'gu' : 'giu');
}


/** A catalog term that one of our own patterns already matches whole is ours to interpret. */
function supersedes(own: { pattern: string; caseSensitive?: boolean }[], term: string): boolean {
  return own.some((o) => new RegExp(`^(?:${flexible(o.pattern)})(?:e?s)?$`, o.caseSensitive ? 'u' : 'iu').test(term));
}

/** A single lower-case English word from the catalog ("orders", "password") needs a data context. */
function isCommonWord(term: string): boolean {
  return /^[a-z]+$/.test(term);
}

function categoryTerm(t: CategoryTerm): CompiledTerm {
  return { regex: compile(t.pattern, t.caseSensitive === true), category: t.category, sdk: null, weak: t.weak === true, contextual: false };
}

function sdkTerm(t: SdkTerm): CompiledTerm {
  return { regex: compile(t.pattern, t.caseSensitive === true), category: null, sdk: t.sdk, weak: false, contextual: t.contextual === true };
}

let cached: PolicyLexicon | undefined;

/** Our lexicon plus every catalog category term and SDK alias that it does not already cover. */
export function policyLexicon(): PolicyLexicon {
  if (cached) return cached;
  const catalog = loadCatalog();
  const categories = CATEGORY_TERMS.map(categoryTerm);
  for (const definition of catalog.categories.values()) {
    for (const term of [...definition.terms.en, ...definition.terms.zh]) {
      if (supersedes(CATEGORY_TERMS, term)) continue;
      categories.push({ regex: compile(escapeRegex(term), false), category: definition.id, sdk: null, weak: isCommonWord(term), contextual: false });
    }
  }
  const sdks = SDK_TERMS.map(sdkTerm);
  for (const definition of catalog.sdks.values()) {
    for (const alias of definition.aliases.map((a) => a.replace(/\s*\([^)]*\)/g, '').trim())) {
      if (alias.length < 3 || supersedes(SDK_TERMS, alias)) continue;
      sdks.push({ regex: compile(escapeRegex(alias), false), category: null, sdk: definition.id, weak: false, contextual: false });
    }
  }
  cached = { categories, sdks, hosts: new Map(Object.entries(SDK_HOSTS)) };
  return cached;
}
