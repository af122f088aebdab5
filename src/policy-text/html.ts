import { type Block, BlockList, type BlockKind } from './blocks.js';

/**
 * HTML to blocks. Published policies are often hand-written or CMS-generated HTML that is not
 * well-formed, so this is a tolerant tag scanner rather than a parser: it only needs to know
 * where blocks start and end, which text is visible, and where links point.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ',
  rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', ndash: '–', mdash: '—', hellip: '…', middot: '·',
  bull: '•', copy: '©', reg: '®', trade: '™', laquo: '«', raquo: '»', shy: '', zwj: '', zwnj: '',
};

/** Decodes character references; unknown names are left as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** Elements whose content is never visible policy text. */
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'iframe', 'object']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const BLOCK_ELEMENTS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hr', 'html', 'li', 'main', 'nav', 'ol', 'p', 'pre',
  'section', 'summary', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul', ...HEADINGS,
]);

const TOKEN = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<![^>]*>|<\?[^>]*>|<(\/?)([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function hrefOf(attributes: string): string | undefined {
  const match = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attributes);
  const value = match?.[1] ?? match?.[2] ?? match?.[3];
  return value ? decodeEntities(value) : undefined;
}

export function htmlBlocks(source: string): Block[] {
  const list = new BlockList();
  let line = 1;
  let hiddenDepth = 0;
  let hiddenTag = '';
  let last = 0;
  let cellCount = 0;

  const text = (raw: string, startLine: number): void => {
    if (hiddenDepth > 0 || raw.length === 0) return;
    const decoded = decodeEntities(raw);
    if (!/\S/.test(decoded)) {
      list.openBlock?.space(startLine);
      return;
    }
    // Newlines are only whitespace in HTML; split on them to keep each character's line.
    decoded.split('\n').forEach((segment, i, all) => {
      list.open().append(i < all.length - 1 ? `${segment}\n` : segment, startLine + i);
    });
  };

  for (const match of source.matchAll(TOKEN)) {
    const index = match.index;
    text(source.slice(last, index), line);
    line += countNewlines(source.slice(last, index));
    last = index + match[0].length;
    const name = match[2]?.toLowerCase();
    const closing = match[1] === '/';
    const tagLine = line;
    line += countNewlines(match[0]);
    if (!name) continue;

    if (hiddenDepth > 0) {
      if (name === hiddenTag) hiddenDepth += closing ? -1 : 1;
      continue;
    }
    if (HIDDEN.has(name) && !closing && !match[0].endsWith('/>')) {
      hiddenDepth = 1;
      hiddenTag = name;
      continue;
    }
    if (name === 'a' && !closing) {
      const href = hrefOf(match[3] ?? '');
      if (href) list.open().link(href);
      continue;
    }
    if (name === 'td' || name === 'th') {
      if (!closing) {
        if (cellCount > 0) list.open('row').append(' | ', tagLine);
        cellCount++;
      }
      continue;
    }
    if (!BLOCK_ELEMENTS.has(name)) continue;
    list.close();
    if (closing) continue;
    const kind: BlockKind | undefined = HEADINGS.has(name) ? 'heading' : name === 'li' ? 'item' : name === 'tr' ? 'row' : undefined;
    if (name === 'tr') cellCount = 0;
    if (kind) list.start(kind);
  }
  text(source.slice(last), line);
  list.close();
  return list.blocks;
}
