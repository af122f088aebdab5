import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan, type ScanOptions } from '../src/scan.js';
import type { ScanResult } from '../src/types.js';

/** A project folder from a map of relative path to contents. */
function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-lint-cache-'));
  write(dir, files);
  return dir;
}

function write(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
}

const CACHE = '.privacy-lint-cache';

interface CacheEntry {
  hash: string;
  output: { findings: { rule: string; line: number }[]; warnings: unknown[] };
}

function readCache(dir: string): { format: number; key: string; files: Record<string, CacheEntry> } {
  return JSON.parse(fs.readFileSync(path.join(dir, CACHE), 'utf8'));
}

/**
 * Rewrites the cached entry of one file, keeping its content hash: the next run serves the forged
 * entry only if it takes the cache hit path, which proves a hit (or a miss) from the outside.
 */
function forgeEntry(dir: string, file: string, forge: (entry: CacheEntry) => void): void {
  const cache = readCache(dir);
  forge(cache.files[file]!);
  fs.writeFileSync(path.join(dir, CACHE), JSON.stringify(cache));
}

const where = (r: ScanResult) => r.findings.map((f) => `${f.file}:${f.line} ${f.rule}`);

async function run(dir: string, extra: ScanOptions = {}): Promise<ScanResult> {
  return scan({ cwd: dir, policy: false, cache: true, ...extra });
}

const FORGED_RULE = 'forged/never-real';

describe('--cache', () => {
  it('serves unchanged files from the cache, with the same findings as a cold run', async () => {
    const dir = project({
      'src/ua.ts': 'export const ua = navigator.userAgent;\n',
      'src/lang.ts': 'export const lang = navigator.language;\n',
      'src/broken.ts': 'const x = navigator.userAgent;\nfunction (\n',
    });
    const cold = await scan({ cwd: dir, policy: false });
    const filled = await run(dir);
    const warm = await run(dir);
    expect(where(cold).length).toBeGreaterThan(0);
    expect(filled).toEqual(cold);
    expect(warm).toEqual(cold);
    // A parse error is part of a file's result: a warm run must still report it.
    expect(warm.warnings.some((w) => w.file === 'src/broken.ts' && /could not parse/.test(w.message))).toBe(true);

    forgeEntry(dir, 'src/ua.ts', (e) => e.output.findings.forEach((f) => (f.rule = FORGED_RULE)));
    expect(where(await run(dir))).toContain(`src/ua.ts:1 ${FORGED_RULE}`);
  });

  it('serves a file whose time changed but whose text did not, and does not rewrite an unchanged cache', async () => {
    const dir = project({ 'src/ua.ts': 'export const ua = navigator.userAgent;\n' });
    await run(dir);
    forgeEntry(dir, 'src/ua.ts', (e) => e.output.findings.forEach((f) => (f.rule = FORGED_RULE)));
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(dir, 'src/ua.ts'), later, later);
    expect(where(await run(dir))).toEqual([`src/ua.ts:1 ${FORGED_RULE}`]);
    const written = fs.statSync(path.join(dir, CACHE)).mtimeMs;
    expect(where(await run(dir))).toEqual([`src/ua.ts:1 ${FORGED_RULE}`]);
    expect(fs.statSync(path.join(dir, CACHE)).mtimeMs).toBe(written);
  });

  it('rescans a file whose text changed', async () => {
    const dir = project({ 'src/a.ts': 'export const a = 1;\n' });
    await run(dir);
    forgeEntry(dir, 'src/a.ts', (e) => e.output.findings.push({ ...fakeFinding('src/a.ts') }));
    write(dir, { 'src/a.ts': 'export const a = 1;\nexport const ua = navigator.userAgent;\n' });
    expect(where(await run(dir))).toEqual(['src/a.ts:2 web/user-agent/user-agent']);
  });

  it('never serves a file stale when a file it imports changes what it exports', async () => {
    // app.ts is unchanged throughout; what it collects depends on device.ts and, behind it, inner.ts.
    const dir = project({
      'src/app.ts': "import { id } from './device';\nexport const value = id();\n",
      // device.ts's own export table is built from inner.ts's, so app.ts never reads inner.ts itself.
      'src/device.ts': "import { id as innerId } from './inner';\nexport const id = innerId;\n",
      'src/inner.ts': 'export function id(): string {\n  return "local";\n}\n',
    });
    expect(where(await run(dir))).toEqual([]);
    forgeEntry(dir, 'src/app.ts', (e) => e.output.findings.push(fakeFinding('src/app.ts')));
    expect(where(await run(dir))).toContain(`src/app.ts:1 ${FORGED_RULE}`);

    // Two files away from app.ts: the forged entry must not be served, the real finding must appear.
    write(dir, { 'src/inner.ts': "export { getUniqueId as id } from 'react-native-device-info';\n" });
    const after = where(await run(dir));
    expect(after).not.toContain(`src/app.ts:1 ${FORGED_RULE}`);
    expect(after).toContain('src/app.ts:2 react-native-device-info/unique-id');
    expect(after).toEqual(where(await scan({ cwd: dir, policy: false })));
  });

  it('never serves a file stale when an import starts resolving to a project file', async () => {
    const dir = project({ 'src/app.ts': "import { id } from './device';\nexport const value = id();\n" });
    expect(where(await run(dir))).toEqual([]);
    write(dir, { 'src/device/index.ts': "export { getUniqueId as id } from 'react-native-device-info';\n" });
    expect(where(await run(dir))).toContain('src/app.ts:2 react-native-device-info/unique-id');
  });

  it('never serves a file stale when an import resolves to another file of the same folder', async () => {
    // './device' names device.js until a device.ts appears beside it, which resolution prefers.
    const dir = project({
      'src/app.ts': "import { id } from './device';\nexport const value = id();\n",
      'src/device.js': 'export function id() {\n  return "local";\n}\n',
    });
    expect(where(await run(dir))).toEqual([]);
    write(dir, { 'src/device.ts': "export { getUniqueId as id } from 'react-native-device-info';\n" });
    expect(where(await run(dir))).toContain('src/app.ts:2 react-native-device-info/unique-id');
  });

  it('never serves a file stale when tsconfig paths change where an alias points', async () => {
    const dir = project({
      'tsconfig.json': '{ "compilerOptions": { "paths": { "@dev/*": ["./src/local/*"] } } }\n',
      'src/app.ts': "import { id } from '@dev/device';\nexport const value = id();\n",
      'src/local/device.ts': 'export function id(): string {\n  return "local";\n}\n',
      'src/native/device.ts': "export { getUniqueId as id } from 'react-native-device-info';\n",
    });
    expect(where(await run(dir))).toEqual([]);
    write(dir, { 'tsconfig.json': '{ "compilerOptions": { "paths": { "@dev/*": ["./src/native/*"] } } }\n' });
    expect(where(await run(dir))).toContain('src/app.ts:2 react-native-device-info/unique-id');
  });

  it('drops what a partial run cannot vouch for once the folders imports resolve in have changed', async () => {
    const dir = project({
      'src/app.ts': "import { id } from './device';\nexport const value = id();\n",
      'src/other.ts': 'export const other = 1;\n',
    });
    await run(dir);
    write(dir, { 'src/device/index.ts': "export { getUniqueId as id } from 'react-native-device-info';\n", 'src/other.ts': 'export const other = 2;\n' });
    // This run rewrites the cache but does not scan app.ts, whose entry resolved './device' before it existed.
    await run(dir, { files: [{ path: 'src/other.ts' }] });
    expect(where(await run(dir))).toEqual(where(await scan({ cwd: dir, policy: false })));
    expect(where(await run(dir))).toContain('src/app.ts:2 react-native-device-info/unique-id');
  });

  it('never serves a file stale when the dependencies that gate a rule change', async () => {
    const rules = project({
      'gated.yaml': [
        'title: A plugin that defines a global',
        'docs: https://example.com/acme-device-plugin',
        'rules:',
        '  - id: install-id',
        '    title: Reads the install id',
        '    category: device.id.generated',
        '    message: Reads the install id the plugin generates',
        '    match:',
        '      - global: { path: [acmeDevice.installId], kind: read, requires: [acme-device-plugin] }',
        '',
      ].join('\n'),
    });
    const dir = project({
      'package.json': '{ "dependencies": {} }\n',
      'www/app.js': 'export const id = acmeDevice.installId;\n',
    });
    const options = { rules: [rules] };
    expect(where(await run(dir, options))).toEqual([]);
    write(dir, { 'package.json': '{ "dependencies": { "acme-device-plugin": "^2.1.0" } }\n' });
    const after = await run(dir, options);
    expect(where(after)).toEqual(['www/app.js:1 gated/install-id']);
    expect(after).toEqual(await scan({ cwd: dir, policy: false, ...options }));
  });

  it('starts over when the rules change', async () => {
    const dir = project({ 'src/a.ts': 'export const ua = navigator.userAgent;\n' });
    const rules = project({
      'extra.yaml': [
        'title: Extra',
        'docs: https://developer.mozilla.org/docs/Web/API/Navigator/platform',
        'rules:',
        '  - id: platform',
        '    title: Reads the platform',
        '    category: device.info',
        '    message: Reads the platform',
        '    match:',
        '      - global: { path: [navigator.platform], kind: read }',
        '',
      ].join('\n'),
    });
    await run(dir);
    const before = readCache(dir).key;
    forgeEntry(dir, 'src/a.ts', (e) => (e.output.findings = []));
    const withRules = await run(dir, { rules: [rules] });
    expect(readCache(dir).key).not.toBe(before);
    expect(where(withRules)).toEqual(['src/a.ts:1 web/user-agent/user-agent']);
  });

  it('ignores a corrupt, truncated or foreign cache file and rewrites it', async () => {
    const dir = project({ 'src/a.ts': 'export const ua = navigator.userAgent;\n' });
    const cold = await scan({ cwd: dir, policy: false });
    for (const junk of ['{"format":1,', 'null', '[]', '{"format":99,"key":"x","files":{}}', JSON.stringify({ format: 4, key: 'other', inputs: [], links: [], reads: [], files: {} })]) {
      fs.writeFileSync(path.join(dir, CACHE), junk);
      expect(await run(dir)).toEqual(cold);
      expect(readCache(dir).format).toBe(4);
    }
    // Right key, wrong shape: an entry whose findings are not findings is not trusted.
    await run(dir);
    forgeEntry(dir, 'src/a.ts', (e) => ((e.output as unknown as { findings: unknown }).findings = [{ rule: 7 }]));
    expect(await run(dir)).toEqual(cold);
  });

  it('keeps the cache at --cache-location, a file or a folder, and writes no temporary files beside it', async () => {
    const dir = project({ 'src/a.ts': 'export const ua = navigator.userAgent;\n' });
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-lint-cache-dir-'));
    await scan({ cwd: dir, policy: false, cacheLocation: path.join(elsewhere, 'pl.json') });
    await scan({ cwd: dir, policy: false, cache: true, cacheLocation: `${elsewhere}/` });
    expect(fs.readdirSync(elsewhere).sort()).toEqual([CACHE, 'pl.json']);
    expect(fs.existsSync(path.join(dir, CACHE))).toBe(false);
  });

  it('keeps entries of files a partial run did not scan', async () => {
    const dir = project({ 'src/a.ts': 'export const ua = navigator.userAgent;\n', 'src/b.ts': 'export const b = navigator.language;\n' });
    await run(dir);
    await run(dir, { files: [{ path: 'src/a.ts', text: 'export const a = 1;\n' }] });
    expect(Object.keys(readCache(dir).files)).toEqual(['src/a.ts', 'src/b.ts']);
  });
});

function fakeFinding(file: string) {
  return { rule: FORGED_RULE, category: null, thirdParty: null, file, line: 1, column: 1, endLine: 1, endColumn: 2, evidence: 'x', origin: 'code' };
}
