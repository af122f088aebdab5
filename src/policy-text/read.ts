import fs from 'node:fs';
import { UsageError } from '../errors.js';
import { decodePolicyBytes } from './decode.js';

/** Published policies are pages of text; anything larger is not one. */
export const MAX_POLICY_TEXT_BYTES = 5 * 1024 * 1024;

/** Reads and decodes a published policy; a missing, unreadable or oversized file is a usage error. */
export function readPolicyText(file: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new UsageError(`cannot read ${file}: no such file`);
  }
  if (!stat.isFile()) throw new UsageError(`cannot read ${file}: not a file`);
  if (stat.size > MAX_POLICY_TEXT_BYTES) throw new UsageError(`${file} is ${stat.size} bytes; a policy text may be at most ${MAX_POLICY_TEXT_BYTES}`);
  return decodePolicyBytes(fs.readFileSync(file));
}
