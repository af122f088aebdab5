import type { Scanner } from '../scanner.js';
import { matchSymbols } from './symbol-matcher.js';

/** Java and Kotlin sources; Gradle's `.gradle.kts` build scripts belong to the Gradle scanner, registered before this one. */
export const jvmSourceScanner: Scanner = {
  scan(input, ctx) {
    const language = /\.java$/i.test(input.file) ? 'java' : 'kotlin';
    return { findings: matchSymbols(input, ctx.index, language), warnings: [] };
  },
};
