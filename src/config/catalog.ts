import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { CategoryDefinition, CategoryId, SdkDefinition, SdkId } from '../types.js';
import { readCompiled } from './compiled-data.js';
import { CATALOG_DIR } from './package-root.js';

/** The built-in taxonomy and SDK catalog, read once from `catalog/`. */
export interface Catalog {
  categories: Map<CategoryId, CategoryDefinition>;
  sdks: Map<SdkId, SdkDefinition>;
}

let cached: Catalog | undefined;

export const CATALOG_FILES = [path.join(CATALOG_DIR, 'taxonomy.yaml'), path.join(CATALOG_DIR, 'sdks.yaml')];

/** The catalog as plain data, the form the build compiles to JSON. */
export interface CatalogData {
  categories: CategoryDefinition[];
  sdks: SdkDefinition[];
}

export function loadCatalog(): Catalog {
  if (!cached) {
    const data = readCompiled<CatalogData>('catalog', CATALOG_FILES) ?? readCatalogYaml();
    cached = { categories: new Map(data.categories.map((c) => [c.id, c])), sdks: new Map(data.sdks.map((s) => [s.id, s])) };
  }
  return cached;
}

export function readCatalogYaml(): CatalogData {
  return { categories: [...readCategories(CATALOG_FILES[0]!).values()], sdks: [...readSdks(CATALOG_FILES[1]!).values()] };
}

/** A parent id covers itself and every descendant: `device.id` covers `device.id.imei`. */
export function covers(parent: CategoryId, child: CategoryId): boolean {
  return child === parent || child.startsWith(`${parent}.`);
}

interface RawCategory { label: string; apple?: string[]; play?: string[]; terms?: { en?: string[]; zh?: string[] } }
interface RawSdk { name: string; aliases?: string[]; default_collects?: string[]; optional_collects?: string[]; disclosure?: string }

function readCategories(file: string): Map<CategoryId, CategoryDefinition> {
  const raw = YAML.parse(fs.readFileSync(file, 'utf8')) as Record<string, RawCategory>;
  return new Map(
    Object.entries(raw).map(([id, c]) => [
      id,
      { id, label: c.label, apple: c.apple ?? [], play: c.play ?? [], terms: { en: c.terms?.en ?? [], zh: c.terms?.zh ?? [] } },
    ]),
  );
}

function readSdks(file: string): Map<SdkId, SdkDefinition> {
  const raw = YAML.parse(fs.readFileSync(file, 'utf8')) as Record<string, RawSdk>;
  return new Map(
    Object.entries(raw).map(([id, s]) => [
      id,
      {
        id,
        name: s.name,
        aliases: s.aliases ?? [],
        defaultCollects: s.default_collects ?? [],
        optionalCollects: s.optional_collects ?? [],
        disclosure: s.disclosure ?? '',
      },
    ]),
  );
}
