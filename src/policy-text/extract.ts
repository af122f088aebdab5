import { covers } from '../config/catalog.js';
import type { CategoryId, SdkId } from '../types.js';
import type { Block } from './blocks.js';
import { repairMojibake } from './decode.js';
import { policyLexicon, type PolicyLexicon } from './lexicon.js';
import { clausesOf, type Clause } from './negation.js';
import { agentOf, type Party, subjectOf } from './party.js';
import { detectFormat, documentBlocks, type Sentence, splitSentences } from './sentences.js';
import { categoryHits, normaliseQuotes, sdkHits, type TermHit } from './terms.js';

/** One statement of a published policy about a category or an SDK (contract §6). */
export interface Disclosure {
  /** Taxonomy id, or null for a statement that only names an SDK. */
  category: CategoryId | null;
  /** The SDK the statement attributes the data to, or null. */
  thirdParty: SdkId | null;
  party: Party;
  /** True for "we do not collect ..." statements. */
  negated: boolean;
  line: number;
  quote: string;
}

/** `privacy-lint policy extract --format json`, version 1. */
export interface PolicyTextExtraction {
  version: 1;
  source: string;
  disclosures: Disclosure[];
}

/** What a sentence hands to the ones after it: the SDKs it is about, the party, a negation. */
interface Context {
  sdks: SdkId[];
  party?: 'first' | 'third';
  negated: boolean;
}

interface Section {
  context: Context;
  heading?: { sentence: Sentence; hits: TermHit[] };
  /** Categories the section's own sentences mention, negated or not. */
  mentioned: CategoryId[];
}

const NO_CONTEXT: Context = { sdks: [], negated: false };
const QUOTE_LIMIT = 300;
const QUOTE_MARGIN = 120;

/** "使用目的：统计分析", "Data collected: ..." : a field of the record the previous block started. */
const FIELD_LINE = /^[^。.!?！？:：]{1,24}[：:]/u;
/** "1. Umeng SDK": a short label that the following lines describe. */
function isLabel(block: Block): boolean {
  return block.text.length <= 40 && !/[.!?。！？；;，,：:]/u.test(block.text);
}

const GENERIC_SDK_WORDS = /(?:^|\b)(?:the|this|that|these|those|such|our|your|their|its|any|each|every|mobile|third[\s-]party)$|(?:第三方|推送|统计|分析|广告|该|此|上述|这些|相关|其他|其它|等)$/iu;

/**
 * "我们的产品集成有道SDK", "we integrate the Foo SDK": the sentence names an SDK that is not in the
 * catalog, so it is not about the SDK the previous sentence named.
 */
function namesOtherSdk(text: string): boolean {
  for (const m of text.matchAll(/([A-Z][\w-]*|[\p{Script=Han}]{2,6})\s?SDK/gu)) {
    if (!GENERIC_SDK_WORDS.test(m[1]!)) return true;
  }
  return false;
}

function continues(previous: Block | undefined, block: Block): boolean {
  if (!previous || block.kind === 'row' || previous.kind === 'row' || previous.kind === 'heading') return false;
  return FIELD_LINE.test(block.text) || isLabel(previous);
}

function related(a: CategoryId, b: CategoryId): boolean {
  return covers(a, b) || covers(b, a);
}

/** One pass over one document; {@link extractDisclosures} is its public face. */
class DisclosureExtractor {
  private readonly out: { key: number[]; disclosure: Disclosure }[] = [];
  private readonly seen = new Set<string>();
  private readonly knownSdks = new Set<SdkId>();
  private section: Section = { context: NO_CONTEXT, mentioned: [] };
  private block: Context = NO_CONTEXT;
  private leadIn: Context | undefined;

  constructor(private readonly lexicon: PolicyLexicon = policyLexicon()) {}

  extract(text: string, source: string): PolicyTextExtraction {
    const clean = repairMojibake(text.replace(/^\uFEFF/, ''));
    const blocks = documentBlocks(clean, detectFormat(clean, source));
    let previous: Block | undefined;
    blocks.forEach((block, index) => {
      if (block.kind === 'heading') this.startSection(block, index);
      else this.readBlock(block, index, previous);
      previous = block;
    });
    this.closeSection();
    const disclosures = this.out
      .sort((a, b) => compareKeys(a.key, b.key))
      .map((o) => o.disclosure);
    return { version: 1, source, disclosures };
  }

  private startSection(block: Block, index: number): void {
    this.closeSection();
    const sentence = splitSentences(block, index)[0]!;
    const text = normaliseQuotes(sentence.text);
    const sdks = unique(sdkHits(text, sentence.links, this.lexicon, { namesData: false, known: this.knownSdks }).map((h) => h.sdk!));
    for (const sdk of sdks) this.knownSdks.add(sdk);
    sdks.forEach((sdk, i) => this.emit(sentence, { start: 0, end: text.length, category: null, sdk }, [0, i], { category: null, thirdParty: sdk, party: 'third', negated: false }));
    const party = sdks.length > 0 ? 'third' : agentOf(text);
    this.section = {
      context: { sdks, ...(party ? { party } : {}), negated: false },
      heading: { sentence, hits: categoryHits(text, this.lexicon) },
      mentioned: [],
    };
    this.block = this.section.context;
    this.leadIn = undefined;
  }

  /**
   * A heading ("Location data") names a category that its section usually discusses; it counts
   * only when no sentence of the section mentions the category itself, so that a section that
   * goes on to say "we do not collect it" is not read as a disclosure.
   */
  private closeSection(): void {
    const heading = this.section.heading;
    if (!heading) return;
    for (const hit of heading.hits) {
      if (this.section.mentioned.some((m) => related(m, hit.category!))) continue;
      this.emit(heading.sentence, hit, [hit.start], { category: hit.category, thirdParty: null, party: this.section.context.party ?? 'unknown', negated: false });
    }
  }

  private readBlock(block: Block, index: number, previous: Block | undefined): void {
    if (!continues(previous, block)) this.block = this.section.context;
    if (block.kind !== 'item') this.leadIn = undefined;
    const sentences = splitSentences(block, index);
    sentences.forEach((sentence, i) => {
      const inherited = (block.kind === 'item' ? this.leadIn : undefined) ?? this.block;
      const context = this.readSentence(sentence, i, inherited);
      this.block = { ...context, negated: false };
      if (i === sentences.length - 1 && /[:：]$/.test(sentence.text)) this.leadIn = context;
    });
  }

  /** Emits the sentence's disclosures and returns the context it leaves for the next sentence. */
  private readSentence(sentence: Sentence, index: number, inherited: Context): Context {
    const text = normaliseQuotes(sentence.text);
    const clauses = clausesOf(text);
    const clauseAt = (pos: number): Clause => clauses.find((c) => pos >= c.start && pos < c.end) ?? clauses[clauses.length - 1]!;
    const parties = clauses.map((c) => agentOf(text.slice(c.start, c.end)));
    const sentenceParty = parties.find((p) => p !== undefined);

    const categories = categoryHits(text, this.lexicon);
    const named: SdkId[] = [];
    const namedIn = new Map<Clause, SdkId[]>();
    for (const hit of sdkHits(text, sentence.links, this.lexicon, { namesData: categories.length > 0, known: this.knownSdks })) {
      const clause = clauseAt(hit.start);
      this.knownSdks.add(hit.sdk!);
      this.emit(sentence, hit, [index, hit.start], { category: null, thirdParty: hit.sdk, party: 'third', negated: clause.negated });
      if (clause.negated) continue;
      if (!named.includes(hit.sdk!)) named.push(hit.sdk!);
      namedIn.set(clause, unique([...(namedIn.get(clause) ?? []), hit.sdk!]));
    }
    // A sentence whose subject is the app ("we collect") ends the previous sentence's SDK context;
    // "the use of our Service" does not.
    const appActs = clauses.some((c) => subjectOf(text.slice(c.start, c.end)) === 'first');
    const sdks = named.length > 0 ? named : appActs || namesOtherSdk(text) ? [] : inherited.sdks;

    for (const hit of categories) {
      const clause = clauseAt(hit.start);
      const negated = clause.negated || inherited.negated;
      this.section.mentioned.push(hit.category!);
      // "App Center assigns an install ID; Sentry sees your IP address": a clause that names an SDK speaks of that SDK.
      const receivers = namedIn.get(clause) ?? sdks;
      if (receivers.length > 0) {
        for (const sdk of receivers) this.emit(sentence, hit, [index, hit.start], { category: hit.category, thirdParty: sdk, party: 'third', negated });
        continue;
      }
      const own = parties[clauses.indexOf(clause)];
      const party = own ?? sentenceParty ?? inherited.party ?? 'unknown';
      this.emit(sentence, hit, [index, hit.start], { category: hit.category, thirdParty: null, party, negated });
    }
    const party = sdks.length > 0 ? 'third' : (sentenceParty ?? inherited.party);
    return { sdks, ...(party ? { party } : {}), negated: clauses.some((c) => c.negated) };
  }

  private emit(sentence: Sentence, hit: TermHit, position: number[], fields: Omit<Disclosure, 'line' | 'quote'>): void {
    const { quote, offset } = quoteFor(sentence, hit);
    const disclosure: Disclosure = { ...fields, line: sentence.block.lines[sentence.offset + offset] ?? sentence.line, quote };
    const identity = JSON.stringify([sentence.blockIndex, disclosure]);
    if (this.seen.has(identity)) return;
    this.seen.add(identity);
    this.out.push({ key: [sentence.blockIndex, ...position], disclosure });
  }
}

/** The whole sentence, or for a very long one a window around the term, cut at word boundaries. */
function quoteFor(sentence: Sentence, hit: TermHit): { quote: string; offset: number } {
  const text = sentence.text;
  if (text.length <= QUOTE_LIMIT) return { quote: text, offset: 0 };
  let start = Math.max(0, hit.start - QUOTE_MARGIN);
  let end = Math.min(text.length, hit.end + QUOTE_MARGIN);
  while (start > 0 && !/\s/.test(text[start - 1]!) && hit.start - start < QUOTE_MARGIN + 20) start--;
  while (end < text.length && !/\s/.test(text[end]!) && end - hit.end < QUOTE_MARGIN + 20) end++;
  const quote = `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
  return { quote, offset: start };
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/**
 * The categories and SDKs a natural-language privacy policy discloses (Markdown, HTML or plain
 * text; English and simplified Chinese), each with the sentence quoted and its line.
 * @param source the file name, reported as is and used to tell HTML from Markdown.
 */
export function extractDisclosures(text: string, source: string): PolicyTextExtraction {
  return new DisclosureExtractor().extract(text, source);
}
