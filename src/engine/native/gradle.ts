import type { RawFinding } from '../../types.js';
import type { Scanner } from '../scanner.js';
import { LineIndex } from '../text.js';
import { lookup, namedFinding } from './named-rules.js';
import { lexSource, maskLiterals } from './source-lexer.js';

/** Configurations whose dependencies never reach users: tests, debug builds, compile-time tools. */
const NOT_SHIPPED = /^(?:test|androidTest|debug|kapt|ksp|annotationProcessor|lintChecks|compileOnly|testFixtures)|(?:Test|Debug)(?:Implementation|Api|CompileOnly|RuntimeOnly)$/;
const COORDINATE = /(["'])([A-Za-z0-9_.-]+):([A-Za-z0-9_.-]+)(?::[^"'\n]*)?\1/g;
const MAP_NOTATION = /\bgroup\s*[:=]\s*(["'])([A-Za-z0-9_.-]+)\1\s*,\s*name\s*[:=]\s*(["'])([A-Za-z0-9_.-]+)\3/g;
const PLUGIN = /\b(?:id\s*\(?\s*|apply\s*\(?\s*plugin\s*[:=]\s*)(["'])([A-Za-z0-9_.-]+)\1/g;

/**
 * Gradle build scripts, Groovy (`.gradle`) and Kotlin DSL (`.gradle.kts`): dependency coordinates
 * in string (`"group:artifact:version"`) and map (`group: ..., name: ...`) notation, wherever they
 * are written (a `dependencies` block or an `ext` map of versions that modules share), and plugin
 * ids. Comments never count; a dependency in a test, debug or compile-only configuration is left
 * out because it does not ship.
 */
export const gradleScanner: Scanner = {
  scan(input, ctx) {
    const lexed = lexSource(input.text, /\.kts$/i.test(input.file) ? 'kotlin' : 'groovy');
    const masked = maskLiterals(lexed.code, lexed.literals);
    const lines = new LineIndex(input.text);
    const findings: RawFinding[] = [];
    const literalStarts = new Set(lexed.literals.map((l) => l.start));
    const report = (names: string[], start: number, end: number) => {
      const inCode = literalStarts.has(start) || masked[start] !== ' ';
      if (!inCode || NOT_SHIPPED.test(configurationBefore(masked, start) ?? '')) return;
      for (const rule of lookup(ctx.index, 'gradle', names)) findings.push(namedFinding(lines, rule, input.file, start, end, 'gradle'));
    };
    for (const m of lexed.code.matchAll(COORDINATE)) report([`${m[2]}:${m[3]}`, `${m[2]}:*`], m.index, m.index + m[0].length);
    for (const m of lexed.code.matchAll(MAP_NOTATION)) report([`${m[2]}:${m[4]}`, `${m[2]}:*`], m.index, m.index + m[0].length);
    for (const m of lexed.code.matchAll(PLUGIN)) report([m[2]!], m.index, m.index + m[0].length);
    return { findings, warnings: [] };
  },
};

/** The configuration a dependency is declared in: `testImplementation` in `testImplementation(platform("..."))`. */
function configurationBefore(masked: string, start: number): string | undefined {
  return /\b([A-Za-z][A-Za-z0-9]*)\s*\(?\s*(?:(?:platform|enforcedPlatform)\s*\(\s*)?$/.exec(masked.slice(Math.max(0, start - 120), start))?.[1];
}
