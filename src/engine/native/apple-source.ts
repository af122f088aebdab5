import type { Scanner } from '../scanner.js';
import { matchSymbols } from './symbol-matcher.js';

/** Swift and Objective-C sources. `Package.swift` manifests belong to the Swift package scanner, registered before this one. */
export const appleSourceScanner: Scanner = {
  scan(input, ctx) {
    const language = /\.swift$/i.test(input.file) ? 'swift' : 'objc';
    return { findings: matchSymbols(input, ctx.index, language), warnings: [] };
  },
};
