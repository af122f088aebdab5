#!/usr/bin/env node
// Build step: validate the built-in rules and write them to dist/builtin-rules.json, which
// loadRules() uses while it matches the YAML (see src/config/compiled-rules.ts).
import { loadRules } from '../dist/config/rules.js';
import { COMPILED_RULES_FILE, writeCompiledRules } from '../dist/config/compiled-rules.js';

const { rules } = loadRules();
writeCompiledRules(rules);
console.log(`compiled ${rules.length} built-in rules to ${COMPILED_RULES_FILE}`);
