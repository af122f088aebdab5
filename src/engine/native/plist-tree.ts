import { childElements, parseXml, textOf, type XmlElement } from './xml-tree.js';

export type PlistValue =
  | { kind: 'dict'; entries: PlistEntry[]; element: XmlElement }
  | { kind: 'array'; items: PlistValue[]; element: XmlElement }
  | { kind: 'string' | 'integer' | 'real' | 'date' | 'data'; value: string; element: XmlElement }
  | { kind: 'boolean'; value: boolean; element: XmlElement };

export interface PlistEntry {
  key: string;
  /** The `<key>` element, for positions. */
  keyElement: XmlElement;
  value: PlistValue | undefined;
}

export interface ParsedPlist {
  root: PlistValue | undefined;
  /** Why the text is not (or not entirely) a readable XML property list. */
  error?: string;
}

/**
 * Reads an XML property list (Info.plist, entitlements, PrivacyInfo.xcprivacy) with positions.
 * Binary and old-style text plists are reported as an error, not guessed at.
 */
export function parsePlist(text: string): ParsedPlist {
  if (!text.trimStart().startsWith('<')) return { root: undefined, error: 'not an XML property list (binary or old-style text plists are not read)' };
  const doc = parseXml(text);
  const top = doc.root?.name === 'plist' ? childElements(doc.root)[0] : doc.root;
  const root = top ? plistValue(top) : undefined;
  return doc.error === undefined ? { root } : { root, error: doc.error };
}

function plistValue(element: XmlElement): PlistValue | undefined {
  switch (element.name) {
    case 'dict': {
      const entries: PlistEntry[] = [];
      const children = childElements(element);
      for (let i = 0; i < children.length; i++) {
        if (children[i]!.name !== 'key') continue;
        const next = children[i + 1];
        const value = next && next.name !== 'key' ? plistValue(next) : undefined;
        entries.push({ key: textOf(children[i]!).trim(), keyElement: children[i]!, value });
        if (value) i++;
      }
      return { kind: 'dict', entries, element };
    }
    case 'array':
      return { kind: 'array', items: childElements(element).map(plistValue).filter((v) => v !== undefined), element };
    case 'true':
    case 'false':
      return { kind: 'boolean', value: element.name === 'true', element };
    case 'string':
    case 'integer':
    case 'real':
    case 'date':
    case 'data':
      return { kind: element.name, value: textOf(element).trim(), element };
    default:
      return undefined;
  }
}

/** The strings a value holds: itself, or the strings of an array. */
export function plistStrings(value: PlistValue | undefined): string[] {
  if (value?.kind === 'string') return [value.value];
  if (value?.kind === 'array') return value.items.flatMap((v) => (v.kind === 'string' ? [v.value] : []));
  return [];
}
