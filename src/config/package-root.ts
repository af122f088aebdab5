import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The installed package's root: `src/config` and `dist/config` both sit two levels below it. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUILTIN_RULES_DIR = path.join(PACKAGE_ROOT, 'rules');
export const CATALOG_DIR = path.join(PACKAGE_ROOT, 'catalog');
