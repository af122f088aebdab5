import type { RawFinding } from '../../types.js';
import type { Scanner } from '../scanner.js';
import { escapeRegex } from '../../escape-regex.js';
import { LineIndex } from '../text.js';

/** Sections whose packages ship with the app. devDependencies are build and test tooling, so they are left out. */
const SHIPPED_SECTIONS = ['dependencies', 'optionalDependencies', 'peerDependencies'] as const;

export type PackageManifest = Partial<Record<(typeof SHIPPED_SECTIONS)[number] | 'devDependencies', Record<string, string>>>;

/** Names of the shipped dependencies of a package.json text; empty when it is not valid JSON. */
export function shippedDependencies(text: string): string[] {
  const manifest = parseManifest(text);
  return manifest ? SHIPPED_SECTIONS.flatMap((s) => Object.keys(manifest[s] ?? {})) : [];
}

function parseManifest(text: string): PackageManifest | undefined {
  try {
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return value && typeof value === 'object' ? (value as PackageManifest) : undefined;
  } catch {
    return undefined;
  }
}

/** SDK presence from a declared dependency, pointing at the line that declares it. */
export const packageJsonScanner: Scanner = {
  scan(input, ctx) {
    const manifest = parseManifest(input.text);
    if (!manifest) return { findings: [], warnings: [{ file: input.file, message: 'could not parse package.json as JSON; its dependencies were not checked' }] };
    const lines = new LineIndex(input.text);
    const findings: RawFinding[] = [];
    for (const name of shippedDependencies(input.text)) {
      const rules = ctx.index.packages.get(name);
      if (!rules) continue;
      const at = new RegExp(`"${escapeRegex(name)}"\\s*:\\s*"[^"]*"`).exec(input.text);
      const start = at?.index ?? 0;
      for (const rule of rules) findings.push(lines.finding(rule, input.file, start, start + (at?.[0].length ?? 0)));
    }
    return { findings, warnings: [] };
  },
};
