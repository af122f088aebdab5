import path from 'node:path';
import { loadPolicy } from '../config/policy.js';
import type { Policy, ScanResult } from '../types.js';
import type { ReportContext } from './types.js';

/**
 * The policy a result was judged against, for declaration lines and purposes. Callers that hold
 * it pass it in the context; otherwise it is read again from the path the result names, which the
 * scan has already validated.
 */
export function policyOf(result: ScanResult, ctx: ReportContext): Policy | undefined {
  if (ctx.policy) return ctx.policy;
  return result.policy === null ? undefined : loadPolicy(path.resolve(ctx.root, result.policy));
}
