import { jsScanner } from './js/js-scanner.js';
import { packageJsonScanner } from './manifests/package-json.js';
import { appConfigScanner } from './native/app-config.js';
import { appleSourceScanner } from './native/apple-source.js';
import { gradleScanner } from './native/gradle.js';
import { htmlScanner } from './native/html.js';
import { jvmSourceScanner } from './native/jvm-source.js';
import { packageResolvedScanner } from './native/package-resolved.js';
import { plistScanner } from './native/plist.js';
import { podfileLockScanner } from './native/podfile-lock.js';
import { podfileScanner } from './native/podfile.js';
import { swiftPackageScanner } from './native/swift-package.js';
import { versionCatalogScanner } from './native/version-catalog.js';
import { xmlDocumentsScanner } from './native/xml-documents.js';
import type { Scanner } from './scanner.js';

/**
 * Every file scanner, most specific first: the first that accepts a path owns it. Build manifests
 * come before the source scanners whose extensions they share (`build.gradle.kts` is Kotlin,
 * `Package.swift` is Swift).
 */
export const SCANNERS: Scanner[] = [
  packageJsonScanner,
  appConfigScanner,
  gradleScanner,
  versionCatalogScanner,
  podfileScanner,
  podfileLockScanner,
  swiftPackageScanner,
  packageResolvedScanner,
  xmlDocumentsScanner,
  plistScanner,
  htmlScanner,
  jvmSourceScanner,
  appleSourceScanner,
  jsScanner,
];

export function scannerFor(file: string): Scanner | undefined {
  return SCANNERS.find((s) => s.accepts(file));
}

export function isScannable(file: string): boolean {
  return scannerFor(file) !== undefined;
}
