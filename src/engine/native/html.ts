import type { RawFinding, RuleDefinition, ScanWarning } from '../../types.js';
import { lintJsText } from '../js/js-scanner.js';
import type { RuleIndex } from '../rule-index.js';
import type { Scanner } from '../scanner.js';
import { LineIndex } from '../text.js';

/** A start tag the scanner cares about, with its attributes and, for `<script>`, its body. */
interface Tag {
  name: string;
  attributes: Map<string, string>;
  start: number;
  /** Offset after the start tag's `>`. */
  openEnd: number;
  body?: { start: number; end: number };
}

const JS_TYPES = /^(?:|text\/javascript|application\/javascript|text\/ecmascript|application\/ecmascript|module|text\/babel|text\/jsx)$/i;

/**
 * HTML pages and Vue/Svelte components: `<script src>` URLs against the rules' script URLs, `<img>`/`<iframe>` URLs (the
 * `<noscript>` pixels of Facebook and Tag Manager) against their URL patterns, and every inline
 * `<script>` body linted as JavaScript with positions in the HTML file. Markup inside comments
 * never counts. Scripts a consent manager holds back (`type="text/plain" data-cookieconsent=...`)
 * are linted too: they run once the visitor agrees, so the policy must still disclose them.
 */
export const htmlScanner: Scanner = {
  scan(input, ctx) {
    const lines = new LineIndex(input.text);
    const findings: RawFinding[] = [];
    const warnings: ScanWarning[] = [];
    for (const tag of tags(input.text)) {
      const src = tag.attributes.get('src');
      if (src) {
        for (const rule of urlRules(ctx.index, src, tag.name === 'script')) findings.push(lines.finding(rule, input.file, tag.start, tag.openEnd));
      }
      if (tag.name === 'script' && tag.body && !src && isJavaScript(tag)) {
        const body = input.text.slice(tag.body.start, tag.body.end);
        if (body.trim() === '') continue;
        const at = lines.position(tag.body.start);
        // `<script lang="ts">` is TypeScript: parse it as a .ts file beside the component, so imports still resolve.
        const lang = (tag.attributes.get('lang') ?? '').toLowerCase();
        const absolutePath = /^tsx?$/.test(lang) ? `${input.absolutePath}.${lang}` : input.absolutePath;
        const out = lintJsText({ ...input, absolutePath, text: body }, ctx, at.line - 1, at.column - 1);
        findings.push(...out.findings);
        warnings.push(...out.warnings.map((w) => ({ ...w, message: `inline <script> at line ${at.line}: ${w.message}` })));
      }
    }
    return { findings, warnings };
  },
};

function isJavaScript(tag: Tag): boolean {
  const type = (tag.attributes.get('type') ?? '').trim();
  if (JS_TYPES.test(type)) return true;
  return /^text\/plain$/i.test(type) && [...tag.attributes.keys()].some((a) => /^data-.*(?:consent|cookie|category)/i.test(a));
}

/** Rules whose script URLs (for `<script>`) or URL patterns occur in `src`, each once. */
function urlRules(index: RuleIndex, src: string, isScript: boolean): RuleDefinition[] {
  const rules = new Set<RuleDefinition>();
  if (isScript) for (const entry of index.named.get('script-src') ?? []) if (entry.names.some((p) => src.includes(p))) rules.add(entry.rule);
  for (const entry of index.urls) if (entry.patterns.some((p) => src.includes(p))) rules.add(entry.rule);
  return [...rules];
}

/**
 * The `<script>`, `<img>` and `<iframe>` tags of a page, skipping comments. A lexer, not a full
 * HTML parser: it follows the two rules that matter here, that comments hide markup and that a
 * script body runs to the first `</script`.
 */
export function* tags(html: string): Generator<Tag> {
  const open = /<!--|<(script|img|iframe)(?=[\s/>])/gi;
  for (let m = open.exec(html); m !== null; m = open.exec(html)) {
    if (m[0] === '<!--') {
      const close = html.indexOf('-->', m.index + 4);
      open.lastIndex = close < 0 ? html.length : close + 3;
      continue;
    }
    const name = m[1]!.toLowerCase();
    const { attributes, end } = readAttributes(html, m.index + m[0].length);
    const tag: Tag = { name, attributes, start: m.index, openEnd: end };
    if (name === 'script') {
      const close = /<\/script\s*>/gi;
      close.lastIndex = end;
      const closing = close.exec(html);
      tag.body = { start: end, end: closing ? closing.index : html.length };
      open.lastIndex = closing ? closing.index + closing[0].length : html.length;
    } else open.lastIndex = end;
    yield tag;
  }
}

function readAttributes(html: string, from: number): { attributes: Map<string, string>; end: number } {
  const attributes = new Map<string, string>();
  const attribute = /\s*(?:([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?|\/)/y;
  let i = from;
  for (;;) {
    attribute.lastIndex = i;
    const m = attribute.exec(html);
    if (!m || m[0].length === 0) break;
    if (m[1]) attributes.set(m[1].toLowerCase(), decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
    i += m[0].length;
  }
  const close = html.indexOf('>', i);
  return { attributes, end: close < 0 ? html.length : close + 1 };
}

function decodeEntities(value: string): string {
  return value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'");
}
