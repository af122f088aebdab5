import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { globbySync } from 'globby';
import type { RuleDefinition } from '../types.js';
import { BUILTIN_RULES_DIR, PACKAGE_ROOT } from './package-root.js';

/**
 * The built-in rules, validated and serialised at build time. Parsing a hundred YAML files with
 * positions costs more than a second on a slow machine, in every process and every worker; the
 * JSON is used only while it matches the YAML byte for byte, so an edited rule is never stale.
 */
export const COMPILED_RULES_FILE = path.join(PACKAGE_ROOT, 'dist', 'builtin-rules.json');

interface CompiledRules {
  fingerprint: string;
  rules: RuleDefinition[];
}

/** A hash of every rule file's path and content. */
export function rulesFingerprint(folder: string = BUILTIN_RULES_DIR): string {
  const hash = createHash('sha256');
  for (const relative of globbySync('**/*.{yaml,yml}', { cwd: folder }).sort()) {
    hash.update(`${relative}\0`);
    hash.update(fs.readFileSync(path.join(folder, relative)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** The compiled built-in rules when they are current, otherwise undefined (the caller parses the YAML). */
export function readCompiledRules(): RuleDefinition[] | undefined {
  let compiled: CompiledRules;
  try {
    compiled = JSON.parse(fs.readFileSync(COMPILED_RULES_FILE, 'utf8')) as CompiledRules;
  } catch {
    return undefined;
  }
  return compiled.fingerprint === rulesFingerprint() ? compiled.rules : undefined;
}

export function writeCompiledRules(rules: RuleDefinition[]): void {
  const content: CompiledRules = { fingerprint: rulesFingerprint(), rules };
  fs.writeFileSync(COMPILED_RULES_FILE, `${JSON.stringify(content)}\n`);
}
