import { UsageError } from '../errors.js';
import type { Reporter } from './types.js';

/** Output formats, each loaded only when asked for. */
const REPORTERS: Record<string, () => Promise<Reporter>> = {
  stylish: async () => (await import('./stylish.js')).stylish,
  json: async () => (await import('./json.js')).json,
  sarif: async () => (await import('./sarif.js')).sarif,
  markdown: async () => (await import('./markdown.js')).markdown,
  html: async () => (await import('./html.js')).html,
  github: async () => (await import('./github.js')).github,
};

export const FORMATS = Object.keys(REPORTERS);

export async function getReporter(format: string): Promise<Reporter> {
  const load = REPORTERS[format];
  if (!load) throw new UsageError(`unknown format "${format}" (expected one of: ${FORMATS.join(', ')})`);
  return load();
}
