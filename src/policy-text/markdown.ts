import { type Block, BlockList } from './blocks.js';
import { decodeEntities } from './html.js';

/**
 * Markdown and plain text to blocks. Plain text is read as Markdown: policies pasted from a
 * word processor use the same cues (blank lines, numbered or bulleted lines, short headings).
 */

const HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;
const SETEXT_UNDERLINE = /^\s{0,3}(?:=+|-{2,})\s*$/;
const RULE = /^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$/;
const FENCE = /^\s{0,3}(?:```|~~~)/;
/** A row of a pipe table; inside a table (after its separator line) the outer pipes are optional. */
const TABLE_ROW = /^\s*\|.*\|/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/;
/**
 * List markers in English and Chinese documents: bullets, `1.`, `1)`, `1.2`, `(a)`, `(iv)`, `a.`,
 * `（一）`, `一、`, `1、`.
 */
const LIST_ITEM =
  /^\s*(?:[-*+•·●▪◦‣■□◆◇※]|\d{1,3}(?:\.\d{1,3})+[.)、．]?(?=\s)|\d{1,3}[.)、．]|[（(]\d{1,3}[)）]|[（(][a-zA-Z]{1,4}[)）]|[a-zA-Z][.)](?=\s)|[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．])\s*/;
const HIDDEN_INLINE = /<!--[\s\S]*?-->|<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const HIDDEN_OPEN = /<!--|<(script|style)\b/i;
const BLOCK_TAG = /<\s*(?:br|\/?p|\/?div|\/?li|\/?tr|\/?h[1-6])\b[^>]*>/gi;

/** A line's visible text in pieces, with the link targets between them. */
type InlinePiece = string | { link: string };

const INLINE =
  /!\[[^\]]*\]\([^)]*\)|\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)|<((?:https?:\/\/|mailto:)[^>\s]+)>|<\/?[a-zA-Z][^>]*>|\*\*|__|~~|`|\\([\\`*_{}[\]()#+\-.!|])/g;

/** Markdown inline syntax removed from a line: images, link targets, emphasis, code ticks, tags. */
function inline(text: string): InlinePiece[] {
  const pieces: InlinePiece[] = [];
  const plain = (t: string): void => {
    // Single-asterisk emphasis around words; lone asterisks (footnote marks, "*required") stay.
    if (t) pieces.push(decodeEntities(t.replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?=[^\w*]|$)/g, '$1$2')));
  };
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    plain(text.slice(last, match.index));
    last = match.index + match[0].length;
    if (match[1] !== undefined) {
      if (match[2]) pieces.push({ link: match[2] });
      plain(match[1]);
    } else {
      plain(match[3] ?? match[4] ?? '');
    }
  }
  plain(text.slice(last));
  return pieces;
}

function frontMatterEnd(lines: string[]): number {
  if (lines[0]?.trim() !== '---') return 0;
  for (let i = 1; i < Math.min(lines.length, 80); i++) {
    if (/^(?:---|\.\.\.)\s*$/.test(lines[i]!)) return i + 1;
  }
  return 0;
}

export function markdownBlocks(source: string): Block[] {
  const lines = source.split(/\r\n|\r|\n/);
  const list = new BlockList();
  let inFence = false;

  const appendLine = (text: string, lineNo: number): void => {
    const builder = list.open();
    builder.space(lineNo);
    for (const piece of inline(text)) {
      if (typeof piece === 'string') builder.append(piece, lineNo);
      else builder.link(piece.link);
    }
  };

  let hiddenUntil: RegExp | undefined;
  let inTable = false;
  for (let i = frontMatterEnd(lines); i < lines.length; i++) {
    const lineNo = i + 1;
    let raw = lines[i]!;
    // Comments, scripts and styles are invisible in the published page; a line that held one
    // separates paragraphs.
    if (hiddenUntil) {
      const end = hiddenUntil.exec(raw);
      if (!end) continue;
      hiddenUntil = undefined;
      raw = raw.slice(end.index + end[0].length);
    }
    raw = raw.replace(HIDDEN_INLINE, '');
    const open = HIDDEN_OPEN.exec(raw);
    if (open) {
      hiddenUntil = open[0] === '<!--' ? /-->/ : new RegExp(`</${open[1]}\\s*>`, 'i');
      raw = raw.slice(0, open.index);
    }
    if (FENCE.test(raw)) {
      inFence = !inFence;
      list.close();
      continue;
    }
    if (inFence) continue;
    // Inline HTML block tags inside Markdown still separate paragraphs.
    const pieces = raw.split(BLOCK_TAG);
    if (pieces.length > 1) {
      for (const piece of pieces) {
        list.close();
        if (piece.trim()) appendLine(piece, lineNo);
      }
      list.close();
      continue;
    }
    const line = raw.replace(/^\s{0,3}>\s?/, '');
    if (!line.trim()) {
      list.close();
      inTable = false;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      list.start('heading');
      appendLine(heading[1]!, lineNo);
      list.close();
      continue;
    }
    if (SETEXT_UNDERLINE.test(line) && list.openBlock && !list.openBlock.isEmpty && !list.openBlock.endsSentence) {
      list.close();
      list.blocks[list.blocks.length - 1]!.kind = 'heading';
      continue;
    }
    if (RULE.test(line)) {
      list.close();
      continue;
    }
    if (TABLE_SEPARATOR.test(line) && line.includes('|')) {
      // The line above was the header row: "a | b" with no outer pipes reads as a paragraph first.
      const header = list.openBlock;
      list.close();
      if (header && !header.isEmpty) list.blocks[list.blocks.length - 1]!.kind = 'row';
      inTable = true;
      continue;
    }
    if (TABLE_ROW.test(line) || (inTable && line.includes('|'))) {
      list.start('row');
      const cells = line.trim().replace(/^\||\|$/g, '').split('|');
      appendLine(cells.map((c) => c.trim()).join(' | '), lineNo);
      list.close();
      continue;
    }
    inTable = false;
    const item = LIST_ITEM.exec(line);
    if (item) {
      list.start('item');
      appendLine(line.slice(item[0].length), lineNo);
      continue;
    }
    // A line after one that ended a sentence starts a new paragraph: plain-text policies often
    // put one paragraph per line with no blank line between them.
    if (list.openBlock?.endsSentence) list.close();
    appendLine(line, lineNo);
  }
  list.close();
  return list.blocks;
}
