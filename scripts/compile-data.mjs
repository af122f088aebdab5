#!/usr/bin/env node
// Build step: validate the built-in rules and the catalog and write them as JSON under
// dist/compiled/, used at run time while they match their YAML (src/config/compiled-data.ts).
import { CATALOG_FILES, readCatalogYaml } from '../dist/config/catalog.js';
import { writeCompiled } from '../dist/config/compiled-data.js';
import { builtinRuleFiles, loadRules } from '../dist/config/rules.js';

const catalog = readCatalogYaml();
console.log(`compiled ${catalog.categories.length} categories and ${catalog.sdks.length} SDKs to ${writeCompiled('catalog', CATALOG_FILES, catalog)}`);
const { rules } = loadRules();
console.log(`compiled ${rules.length} built-in rules to ${writeCompiled('rules', builtinRuleFiles(), rules)}`);
