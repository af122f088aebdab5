import type { Block } from './blocks.js';
import { htmlBlocks } from './html.js';
import { markdownBlocks } from './markdown.js';

/** One sentence of a policy, in its block, with the source line it starts on. */
export interface Sentence {
  text: string;
  /** Offset of the sentence in its block's text. */
  offset: number;
  line: number;
  block: Block;
  /** Index of the block in the document. */
  blockIndex: number;
  /** Link targets inside the sentence. */
  links: string[];
}

export type PolicyFormat = 'html' | 'markdown';

/** HTML by extension, or by content when at least a few block-level tags appear. */
export function detectFormat(text: string, source: string): PolicyFormat {
  if (/\.x?html?$/i.test(source)) return 'html';
  if (/\.(?:md|markdown)$/i.test(source)) return 'markdown';
  const tags = text.match(/<(?:p|div|br|li|h[1-6]|table|tr|body|html)\b[^>]*>/gi);
  return (tags?.length ?? 0) >= 3 ? 'html' : 'markdown';
}

export function documentBlocks(text: string, format: PolicyFormat): Block[] {
  return format === 'html' ? htmlBlocks(text) : markdownBlocks(text);
}

/**
 * Words that end with a full stop without ending a sentence. "etc." is deliberately absent: it
 * ends a sentence more often than not.
 */
const ABBREVIATIONS = new Set([
  'e.g', 'i.e', 'eg', 'ie', 'vs', 'inc', 'ltd', 'co', 'corp', 'llc', 'no', 'nos', 'mr', 'mrs', 'ms', 'dr', 'st', 'approx',
  'incl', 'cf', 'viz', 'fig', 'art', 'sec', 'para', 'u.s', 'u.k', 'e.u', 'a.m', 'p.m', 'jan', 'feb', 'mar', 'apr', 'jun',
  'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

/** Sentence ends in English and Chinese; `；` closes a sentence in Chinese lists of practices. */
const TERMINAL = /[。！？；!?]["'”’」』)）\]]*|\.["'”’)）\]]*(?=\s+["'“‘(（[]?[\p{Lu}\p{N}\p{Script=Han}]|\s*$|[\p{Script=Han}])/gu;

function endsWithAbbreviation(text: string, dot: number): boolean {
  const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, dot - 12), dot))?.[1]?.toLowerCase() ?? '';
  if (word.length === 1) return true; // an initial, as in "J. Smith"
  return ABBREVIATIONS.has(word.replace(/\.$/, ''));
}

/** Splits a block into sentences; a heading or a table row is one sentence. */
export function splitSentences(block: Block, blockIndex: number): Sentence[] {
  const sentences: Sentence[] = [];
  const push = (start: number, end: number): void => {
    let s = start;
    let e = end;
    while (s < e && /\s/u.test(block.text[s]!)) s++;
    while (e > s && /\s/u.test(block.text[e - 1]!)) e--;
    if (e <= s) return;
    const links = block.links.filter((l) => l.offset >= s && l.offset < Math.max(e, s + 1)).map((l) => l.url);
    sentences.push({ text: block.text.slice(s, e), offset: s, line: block.lines[s]!, block, blockIndex, links });
  };
  if (block.kind === 'heading' || block.kind === 'row') {
    push(0, block.text.length);
    return sentences;
  }
  let start = 0;
  for (const match of block.text.matchAll(TERMINAL)) {
    if (match[0].startsWith('.') && endsWithAbbreviation(block.text, match.index)) continue;
    const end = match.index + match[0].length;
    push(start, end);
    start = end;
  }
  push(start, block.text.length);
  return sentences;
}
