import type { Scanner } from './scanner.js';

/** Which paths a scanner owns, and how to load it. */
interface FileKind {
  id: string;
  accepts(file: string): boolean;
  load(): Promise<Scanner>;
}

/**
 * Every file kind, most specific first: the first that accepts a path owns it. Build manifests
 * come before the source scanners whose extensions they share (`build.gradle.kts` is Kotlin,
 * `Package.swift` is Swift). A scanner's module, with its parsers (XML, TOML, YAML, plist), loads
 * only when a run has a file of its kind to scan: a warm cached run or a JavaScript commit loads none.
 */
const FILE_KINDS: FileKind[] = [
  {
    id: 'package-json',
    accepts: (file) => file === 'package.json' || file.endsWith('/package.json'),
    load: async () => (await import('./manifests/package-json.js')).packageJsonScanner,
  },
  {
    id: 'app-config',
    accepts: (file) => /(?:^|\/)(?:[^/]+\.)?(?:app|app\.config|manifest|ext)\.json$/i.test(file),
    load: async () => (await import('./native/app-config.js')).appConfigScanner,
  },
  { id: 'gradle', accepts: (file) => /\.gradle(?:\.kts)?$/i.test(file), load: async () => (await import('./native/gradle.js')).gradleScanner },
  {
    id: 'gradle-version-catalog',
    accepts: (file) => /\.versions\.toml$/i.test(file),
    load: async () => (await import('./native/version-catalog.js')).versionCatalogScanner,
  },
  { id: 'podfile', accepts: (file) => /(?:^|\/)Podfile$|\.podfile$/i.test(file), load: async () => (await import('./native/podfile.js')).podfileScanner },
  {
    id: 'podfile-lock',
    accepts: (file) => /(?:^|\/)Podfile\.lock$/.test(file),
    load: async () => (await import('./native/podfile-lock.js')).podfileLockScanner,
  },
  {
    id: 'swift-package',
    accepts: (file) => /(?:^|\/)Package(?:@swift-[\d.]+)?\.swift$/.test(file),
    load: async () => (await import('./native/swift-package.js')).swiftPackageScanner,
  },
  {
    id: 'package-resolved',
    accepts: (file) => /(?:^|\/)Package\.resolved$/.test(file),
    load: async () => (await import('./native/package-resolved.js')).packageResolvedScanner,
  },
  { id: 'xml', accepts: (file) => /\.xml$/i.test(file), load: async () => (await import('./native/xml-documents.js')).xmlDocumentsScanner },
  { id: 'plist', accepts: (file) => /\.(plist|entitlements)$/i.test(file), load: async () => (await import('./native/plist.js')).plistScanner },
  // Vue and Svelte single-file components keep their code in the same <script> blocks.
  { id: 'html', accepts: (file) => /\.(html?|vue|svelte)$/i.test(file), load: async () => (await import('./native/html.js')).htmlScanner },
  { id: 'jvm-source', accepts: (file) => /\.(java|kt|kts)$/i.test(file), load: async () => (await import('./native/jvm-source.js')).jvmSourceScanner },
  { id: 'apple-source', accepts: (file) => /\.(swift|m|mm|h)$/i.test(file), load: async () => (await import('./native/apple-source.js')).appleSourceScanner },
  // Type declarations hold no code that runs.
  {
    id: 'javascript',
    accepts: (file) => /\.(m|c)?(j|t)sx?$/i.test(file) && !/\.d\.(m|c)?ts$/i.test(file),
    load: async () => (await import('./js/js-scanner.js')).jsScanner,
  },
];

/** The id of the scanner that owns a path, if any. */
export function fileKind(file: string): string | undefined {
  return kindOf(file)?.id;
}

export function isScannable(file: string): boolean {
  return kindOf(file) !== undefined;
}

/** Loads the scanners these files need; the lookup it gives is for those files only. */
export async function loadScanners(files: Iterable<string>): Promise<(file: string) => Scanner> {
  const needed = new Set<FileKind>();
  for (const file of files) {
    const kind = kindOf(file);
    if (kind) needed.add(kind);
  }
  const loaded = new Map(await Promise.all([...needed].map(async (kind) => [kind, await kind.load()] as const)));
  return (file) => {
    const scanner = loaded.get(kindOf(file)!);
    if (!scanner) throw new Error(`no scanner was loaded for ${file}`);
    return scanner;
  };
}

function kindOf(file: string): FileKind | undefined {
  return FILE_KINDS.find((k) => k.accepts(file));
}
