import { UsageError } from '../errors.js';
import { EXIT_OK } from '../exit-codes.js';
import { playDataSafety } from '../reporters/play-data-safety.js';
import { xcprivacy } from '../reporters/xcprivacy.js';
import { runScan } from '../scan.js';
import type { ScanResult } from '../types.js';
import { scanOptionsFrom } from './check.js';
import type { Command } from './types.js';

const STORES: Record<string, (result: ScanResult) => string> = {
  apple: xcprivacy,
  play: playDataSafety,
};

/**
 * `privacy-lint export apple|play [PATH]`: the store disclosures the scan implies, an Apple
 * `PrivacyInfo.xcprivacy` or a Play Console Data safety CSV. They describe what the code collects,
 * whatever the policy says, so every finding counts, disclosed or not.
 */
export const exportCommand: Command = async (args, env) => {
  const [store, ...paths] = args.positionals;
  const render = store === undefined ? undefined : STORES[store];
  if (!render) throw new UsageError(`export needs a store: ${Object.keys(STORES).join(' or ')} (e.g. \`privacy-lint export apple --output ios/PrivacyInfo.xcprivacy\`)`);
  const run = await runScan(scanOptionsFrom({ ...args, positionals: paths }, env.cwd));
  return { output: render(run.result), exitCode: EXIT_OK };
};
