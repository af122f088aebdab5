import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../src/config/rules.js';
import { ProjectIndex } from '../src/engine/js/project-links.js';
import { jsScanner, lintJsText } from '../src/engine/js/js-scanner.js';
import { prefilterFor } from '../src/engine/js/prefilter.js';
import { compileRules } from '../src/engine/rule-index.js';
import { fileKind } from '../src/engine/scanners.js';
import type { ScanContext } from '../src/engine/scanner.js';
import { filesBelow } from './helpers/annotations.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

describe('the literal prefilter', () => {
  const index = compileRules(loadRules().rules);
  const files = filesBelow(FIXTURES).filter((f) => fileKind(f) === 'javascript');

  it('never drops a finding: every fixture gives the same findings with the prefilter and the export-table gate on and off', () => {
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const absolutePath = path.join(FIXTURES, file);
      const dependencies = new Set(['cordova-plugin-device']);
      // The unfiltered run parses every file and every export table the analysis asks for.
      const gated: ScanContext = { root: FIXTURES, index, dependencies, project: new ProjectIndex(FIXTURES, { prefilter: prefilterFor(index) }) };
      const ungated: ScanContext = { ...gated, project: new ProjectIndex(FIXTURES) };
      const input = { file, absolutePath, text: fs.readFileSync(absolutePath, 'utf8') };
      const filtered = jsScanner.scan(input, gated).findings;
      const unfiltered = lintJsText(input, ungated).findings;
      expect({ file, findings: filtered }).toEqual({ file, findings: unfiltered });
    }
  });

  it('lets through only text that holds every literal some matcher needs', () => {
    const { mayMatch } = prefilterFor(index);
    expect(mayMatch('export const add = (a, b) => a + b;\n')).toBe(false);
    expect(mayMatch('// geolocation is fun\nconst position = {};\n')).toBe(false);
    expect(mayMatch('const { geolocation } = navigator;\n')).toBe(true);
    expect(mayMatch("import X from 'react-native-device-info'; X.getUniqueId();\n")).toBe(true);
    expect(mayMatch("const h = req.get('X-Forwarded-For');\n")).toBe(true);
    // Hotjar's `hj(…)` is a word that base64 holds by chance; an inlined font is no call to it.
    const blob = `export const font = 'd09GMgABAAAAA${'QxTW9uaXRvcg/hj+Zm9udA'.repeat(8)}AAA==';\n`;
    expect(mayMatch(blob)).toBe(false);
    expect(mayMatch(`${blob}hj('identify', userId);\n`)).toBe(true);
  });

  it('parses a file for its exports only when it names, in code, a module or global that some matcher starts from', () => {
    const { mayAlias } = prefilterFor(index);
    for (const text of [
      'export const nav = navigator;',
      'export const geo = window.navigator.geolocation',
      "export const cookie = () => document['cookie'];",
      'export const jq = $;',
      'export const w = window;',
      "export * from 'react-native-device-info';",
      "const os = require('node:os');",
      "import RN from 'react-native';\nexport const rn = RN;",
      "import { PermissionsAndroid as PA } from 'react-native';\nexport const fine = PA.PERMISSIONS;",
    ]) {
      expect({ text, mayAlias: mayAlias(text) }).toEqual({ text, mayAlias: true });
    }
    for (const text of [
      'export const el = document.createElement("a");',
      'export const p = config.plugins;',
      "export const strip = (s) => s.replace(/\\n+$/, '');",
      'export const greet = (n) => `hi ${n}`;',
      "export const kind = 'react-native-device-info';",
      '// the navigator, the document, plugins;\nexport const x = 1;',
      // Imported by name, react-native reaches only the paths that start with those names.
      "import { Platform, StyleSheet } from 'react-native';\nexport const styles = StyleSheet.create({});",
    ]) {
      expect({ text, mayAlias: mayAlias(text) }).toEqual({ text, mayAlias: false });
    }
  });
});
