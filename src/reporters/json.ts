import type { Reporter } from './types.js';

/** The versioned JSON of contract §6; key order is fixed by the result's construction. */
export const json: Reporter = (result) => `${JSON.stringify(result, null, 2)}\n`;
