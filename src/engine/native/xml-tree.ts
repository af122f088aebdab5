import { SaxesParser, type SaxesTagNS } from 'saxes';

export interface XmlAttribute {
  /** Local name, without prefix. */
  name: string;
  /** Namespace URI; empty when the prefix is not declared. */
  uri: string;
  /** Qualified name as written (`android:name`). */
  qname: string;
  value: string;
}

export interface XmlText {
  kind: 'text';
  text: string;
  start: number;
  end: number;
}

export interface XmlElement {
  kind: 'element';
  /** Local name, without prefix. */
  name: string;
  attributes: XmlAttribute[];
  /** Offset of the `<` that opens the start tag. */
  start: number;
  /** Offset after the `>` that closes the start tag. */
  openEnd: number;
  /** Offset after the end tag (or the self-closing start tag). */
  end: number;
  children: (XmlElement | XmlText)[];
}

export interface XmlDocument {
  root: XmlElement | undefined;
  /** The first well-formedness error, as `line L, column C: message`; the parser recovers and reads on. */
  error?: string;
}

/**
 * Parses XML with saxes into elements and text with exact offsets. Comments, processing
 * instructions and the doctype are dropped, so nothing inside `<!-- -->` can ever count.
 */
export function parseXml(text: string): XmlDocument {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let error: string | undefined;
  let lastEnd = 0;
  let tagStart = 0;
  parser.on('error', (e) => {
    // Snippets and real manifests alike use `tools:` without declaring it; attributes are still matched by prefix.
    if (/unbound namespace prefix/.test(e.message)) return;
    error ??= e.message.replace(/^(?:undefined:)?(\d+):(\d+): /, 'line $1, column $2: ');
  });
  parser.on('opentagstart', () => {
    tagStart = text.lastIndexOf('<', parser.position - 1);
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const element: XmlElement = {
      kind: 'element',
      name: tag.local,
      attributes: Object.values(tag.attributes).map((a) => ({ name: a.local, uri: a.uri, qname: a.name, value: a.value })),
      start: tagStart,
      openEnd: parser.position,
      end: parser.position,
      children: [],
    };
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else root ??= element;
    if (!tag.isSelfClosing) stack.push(element);
    lastEnd = parser.position;
  });
  parser.on('closetag', (tag) => {
    const element = stack.at(-1);
    if (element && element.name === tag.local) {
      stack.pop();
      element.end = parser.position;
    }
    lastEnd = parser.position;
  });
  parser.on('text', (value) => {
    // saxes reports text once it has read the `<` after it.
    const end = text.lastIndexOf('<', parser.position) >= lastEnd ? text.lastIndexOf('<', parser.position) : parser.position;
    stack.at(-1)?.children.push({ kind: 'text', text: value, start: lastEnd, end });
    lastEnd = end;
  });
  parser.on('cdata', (value) => {
    stack.at(-1)?.children.push({ kind: 'text', text: value, start: lastEnd, end: parser.position });
    lastEnd = parser.position;
  });
  for (const event of ['comment', 'processinginstruction', 'doctype', 'xmldecl'] as const) {
    parser.on(event, () => {
      lastEnd = parser.position;
    });
  }
  try {
    parser.write(text).close();
  } catch (e) {
    // saxes throws only when no error handler is set; a handler that records makes this unreachable in practice.
    error ??= (e as Error).message;
  }
  return error === undefined ? { root } : { root, error };
}

/** An attribute by namespace URI and local name; an undeclared prefix (`android:` without xmlns) is matched by its qualified name. */
export function attribute(element: XmlElement, uri: string, name: string, prefix: string): string | undefined {
  return element.attributes.find((a) => (a.uri === uri && a.name === name) || a.qname === `${prefix}:${name}`)?.value;
}

export function* descendants(element: XmlElement): Generator<XmlElement> {
  for (const child of element.children) {
    if (child.kind !== 'element') continue;
    yield child;
    yield* descendants(child);
  }
}

export function childElements(element: XmlElement): XmlElement[] {
  return element.children.filter((c): c is XmlElement => c.kind === 'element');
}

export function textOf(element: XmlElement): string {
  return element.children.map((c) => (c.kind === 'text' ? c.text : textOf(c))).join('');
}

/** The name of the document element, found cheaply before parsing: past the prolog, comments and doctype. */
export function rootElementName(text: string): string | undefined {
  const skip = /\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]|\[[^\]]*\])*>/y;
  let i = 0;
  for (;;) {
    skip.lastIndex = i;
    const m = skip.exec(text);
    if (!m || m[0].length === 0) break;
    i += m[0].length;
  }
  const tag = /<(?:[\w.-]+:)?([\w.-]+)/y;
  tag.lastIndex = i;
  return tag.exec(text)?.[1];
}
