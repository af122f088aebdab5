import fs from 'node:fs';
import { regularFileSize } from '../config/policy.js';
import { UsageError } from '../errors.js';
import { decodePolicyBytes } from './decode.js';

/** Published policies are pages of text; anything larger is not one. */
export const MAX_POLICY_TEXT_BYTES = 5 * 1024 * 1024;

/** Reads and decodes a published policy; a missing, unreadable or oversized file is a usage error. */
export function readPolicyText(file: string): string {
  const size = regularFileSize(file);
  if (size > MAX_POLICY_TEXT_BYTES) throw new UsageError(`${file} is ${size} bytes; a policy text may be at most ${MAX_POLICY_TEXT_BYTES}`);
  return decodePolicyBytes(fs.readFileSync(file));
}
