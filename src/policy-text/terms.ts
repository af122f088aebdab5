import type { CategoryId, SdkId } from '../types.js';
import type { CompiledTerm, PolicyLexicon } from './lexicon.js';

/** A category or SDK named in a sentence, at `[start, end)` of the sentence text. */
export interface TermHit {
  start: number;
  end: number;
  category: CategoryId | null;
  sdk: SdkId | null;
}

/** Curly quotes become straight ones so that patterns need only one spelling; lengths are kept. */
export function normaliseQuotes(text: string): string {
  return text.replace(/[‘’`´]/g, "'").replace(/[“”]/g, '"');
}

function candidates(text: string, terms: CompiledTerm[]): (TermHit & { term: CompiledTerm })[] {
  const found: (TermHit & { term: CompiledTerm })[] = [];
  for (const term of terms) {
    for (const m of text.matchAll(term.regex)) {
      if (m[0].length > 0) found.push({ start: m.index, end: m.index + m[0].length, category: term.category, sdk: term.sdk, term });
    }
  }
  return found;
}

/**
 * Leftmost-longest: "unique device identifier" wins over "device identifier", "precise location"
 * over "location". Equal spans are all kept (a phrase the catalog files under two categories).
 */
function leftmostLongest<T extends TermHit>(hits: T[]): T[] {
  const sorted = [...hits].sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: T[] = [];
  for (const hit of sorted) {
    const last = kept[kept.length - 1];
    if (!last || hit.start >= last.end || (hit.start === last.start && hit.end === last.end)) kept.push(hit);
  }
  return kept;
}

const DATA_BEFORE_EN =
  /\b(?:your|his|her|their|its|users?'?s?|device'?s?|mobile|phone|browser|system|preferred|current|physical|precise|approximate|exact|general|real[\s-]?time|geographic(?:al)?|default|display)\s+(?:[\w-]+\s+)?$/i;
const DATA_AFTER_EN =
  /^(?:[\s-]*(?:based|aware)\b|\s+(?:information|info|data|details|settings?|preferences?|services?|permissions?|history|coordinates|tracking|used|signals?|list)\b|\s+of\s+(?:your|the user'?s?|a user'?s?)\s+(?:mobile\s+)?(?:device|phone|computer))/i;
const DATA_BEFORE_ZH = /(?:您的|你的|用户的|用户|设备|系统|浏览器|手机|所在|精确|精准|大致|当前|实时|首选|偏好|使用的)\s*$/;
const DATA_AFTER_ZH = /^\s*(?:信息|数据|设置|偏好|权限|服务|功能|轨迹|坐标|列表)/;
/** What may separate two items of one list: commas, slashes, "and", "or", a parenthesis. */
const LIST_GAP = /^[\s,，、/;；]*(?:(?:and\/or|and|or|as well as|及|和|与|以及|或者?)\s*)?(?:(?:your|the|您的)\s+)?[\s,，、/]*$/i;
/** Other short list items between two data items: "email address, gender, location". */
const LIST_ITEMS_GAP = /^(?:\s*[,，、/]\s*(?:(?:and|or)\s+)?[\w'-]+(?:\s+[\w'-]+){0,2})+\s*[,，、/]\s*(?:(?:and|or)\s+)?$/i;

function inDataContext(text: string, hit: TermHit): boolean {
  const before = text.slice(Math.max(0, hit.start - 40), hit.start);
  const after = text.slice(hit.end, hit.end + 40);
  return DATA_BEFORE_EN.test(before) || DATA_AFTER_EN.test(after) || DATA_BEFORE_ZH.test(before) || DATA_AFTER_ZH.test(after);
}

/** Items further apart than this are not read as one list. */
const MAX_LIST_GAP = 80;

function adjacent(text: string, a: TermHit, b: TermHit): boolean {
  const gap = a.end <= b.start ? text.slice(a.end, b.start) : text.slice(b.end, a.start);
  if (gap.length > MAX_LIST_GAP) return false;
  const plain = gap.replace(/[(（][^()（）]*[)）]/g, ' ');
  return LIST_GAP.test(plain) || LIST_ITEMS_GAP.test(plain);
}

/**
 * The categories a sentence names. A weak term ("language", "location") counts only in a data
 * context or as an item of a list whose neighbour is an accepted category.
 */
export function categoryHits(text: string, lexicon: PolicyLexicon): TermHit[] {
  const hits = leftmostLongest(candidates(text, lexicon.categories));
  const accepted = new Set(hits.filter((h) => !h.term.weak || inDataContext(text, h)));
  for (let grew = true; grew; ) {
    grew = false;
    hits.forEach((hit, i) => {
      if (accepted.has(hit)) return;
      const neighbours = [hits[i - 1], hits[i + 1]].filter((n): n is (typeof hits)[number] => n !== undefined && accepted.has(n) && n.category !== null);
      if (neighbours.some((n) => adjacent(text, hit, n))) {
        accepted.add(hit);
        grew = true;
      }
    });
  }
  return hits.filter((h) => accepted.has(h) && h.category !== null).map(({ term: _term, ...hit }) => hit);
}

const SDK_VOCABULARY = /\b(?:SDKs?|analytics|attribution|third[\s-]part|service providers?|partners?|tools?|librar(?:y|ies)|vendors?|tracking|crash|deep[\s-]?link|Inc\b|GmbH|Ltd\b)|第三方|统计|分析|SDK/i;
/** "we use Branch", "integrated with Adjust", "such as Segment": a name introduced as a tool. */
const SDK_USE_BEFORE = /\b(?:use[sd]?|using|via|through|integrat(?:e[sd]?|ing)(?:\s+with)?|partners?\s+with|such\s+as|including|provided\s+by|powered\s+by)\s+$/i;
const IMPERATIVE_OBJECT = /^\s+(?:the|your|a|an|this|these|those|my|our|its|their|how|what|which|it|them)\b/i;
const HOST = /(?:https?:\/\/)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?=[/:?#\s)"'<>,;。，）]|$)/gi;

function sdkForHost(host: string, lexicon: PolicyLexicon): SdkId | undefined {
  const lower = host.toLowerCase();
  for (const [suffix, sdk] of lexicon.hosts) {
    if (lower === suffix || lower.endsWith(`.${suffix}`)) return sdk;
  }
  return undefined;
}

/** "links to other websites such as Facebook": a link is not an integration. */
const LINK_ONLY = /\blinks?\s+to\s+(?:other|third[\s-]party|external)\b|\bnot\s+responsible\s+for\s+the\s+(?:privacy\s+)?(?:practices|policies|content)|第三方网站|外部链接/i;

/** A name that fills a whole table cell: "| Branch | Deep links | advertising ID |". */
function isWholeCell(text: string, hit: TermHit): boolean {
  return /(?:^|\|)\s*$/.test(text.slice(0, hit.start)) && /^\s*(?:\||$)/.test(text.slice(hit.end));
}

/** What the sentence's surroundings tell {@link sdkHits} about everyday-word names. */
export interface SdkHitContext {
  /** The sentence also names a data category (a row of a data-sharing table). */
  namesData: boolean;
  /** SDKs the document has already named unambiguously. */
  known: ReadonlySet<SdkId>;
}

/**
 * The SDKs a sentence names, by name or by a link to the vendor's site. An everyday-word name
 * ("Adjust", "Branch") counts only when the document already named that SDK, next to another SDK,
 * as a whole table cell of a data table, or mid-sentence in a sentence about SDKs or after "we use".
 */
export function sdkHits(text: string, links: string[], lexicon: PolicyLexicon, context: SdkHitContext): TermHit[] {
  if (LINK_ONLY.test(text)) return [];
  const hits = leftmostLongest(candidates(text, lexicon.sdks));
  const plain = hits.filter((h) => !h.term.contextual && h.sdk !== null);
  const aboutSdks = SDK_VOCABULARY.test(text);
  const kept = hits.filter((h) => {
    if (!h.term.contextual) return true;
    if (plain.some((p) => adjacent(text, h, p))) return true;
    if (isWholeCell(text, h)) return aboutSdks || context.namesData || context.known.has(h.sdk!);
    const before = text.slice(0, h.start);
    // "Adjust the brightness": an imperative at the start of a sentence, even in a policy that uses Adjust.
    if (/^[\s\p{P}\d]*$/u.test(before)) return context.known.has(h.sdk!) && !IMPERATIVE_OBJECT.test(text.slice(h.end));
    return aboutSdks || context.known.has(h.sdk!) || SDK_USE_BEFORE.test(before);
  });
  const out: TermHit[] = kept.filter((h) => h.sdk !== null).map(({ term: _term, ...hit }) => hit);
  for (const m of text.matchAll(HOST)) {
    const sdk = sdkForHost(m[1]!, lexicon);
    if (sdk) out.push({ start: m.index, end: m.index + m[0].length, category: null, sdk });
  }
  for (const url of links) {
    const host = /^(?:[a-z]+:)?\/\/([^/?#:]+)/i.exec(url)?.[1];
    const sdk = host ? sdkForHost(host, lexicon) : undefined;
    if (sdk) out.push({ start: text.length, end: text.length, category: null, sdk });
  }
  return out.sort((a, b) => a.start - b.start);
}
