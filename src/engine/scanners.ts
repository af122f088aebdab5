import { jsScanner } from './js/js-scanner.js';
import { packageJsonScanner } from './manifests/package-json.js';
import { appleSourceScanner } from './native/apple-source.js';
import { jvmSourceScanner } from './native/jvm-source.js';
import type { Scanner } from './scanner.js';

/** Every file scanner, most specific first: the first that accepts a path owns it. */
export const SCANNERS: Scanner[] = [packageJsonScanner, jvmSourceScanner, appleSourceScanner, jsScanner];

export function scannerFor(file: string): Scanner | undefined {
  return SCANNERS.find((s) => s.accepts(file));
}

export function isScannable(file: string): boolean {
  return scannerFor(file) !== undefined;
}
