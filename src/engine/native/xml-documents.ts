import type { RawFinding } from '../../types.js';
import type { ScanContext, Scanner } from '../scanner.js';
import { scanAndroidManifest } from './android-manifest.js';
import { scanCordovaConfig } from './cordova-config.js';
import { parseXml, rootElementName, type XmlElement } from './xml-tree.js';

type DocumentReader = (root: XmlElement, file: string, text: string, ctx: ScanContext) => RawFinding[];

/** XML documents the tool reads, by their document element: the rest (layouts, resources, sitemaps) is skipped unparsed. */
const DOCUMENTS: Record<string, DocumentReader> = {
  manifest: scanAndroidManifest,
  widget: scanCordovaConfig,
};

/**
 * AndroidManifest.xml and Cordova config.xml, recognised by content rather than name so that
 * variants (a manifest per build flavour, a template) are read too.
 */
export const xmlDocumentsScanner: Scanner = {
  scan(input, ctx) {
    const kind = rootElementName(input.text);
    const read = kind !== undefined ? DOCUMENTS[kind] : undefined;
    if (!read) return { findings: [], warnings: [] };
    const doc = parseXml(input.text);
    const findings = doc.root ? read(doc.root, input.file, input.text, ctx) : [];
    const warnings = doc.error ? [{ file: input.file, message: `XML is not well-formed (${doc.error}); read as far as the parser could recover` }] : [];
    return { findings, warnings };
  },
};
