import { createRequire } from 'node:module';

/** User rules are untrusted input: a pattern that could backtrack catastrophically would hang a scan. */
const MAX_PATTERN_LENGTH = 2000;

/** Returns why a rule's regular expression is rejected, or undefined when it is safe to run. */
export function checkRegex(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) return `pattern is ${pattern.length} characters; the limit is ${MAX_PATTERN_LENGTH}`;
  try {
    new RegExp(pattern);
  } catch (error) {
    return `invalid regular expression: ${(error as Error).message}`;
  }
  // safe-regex2 rejects nested quantifiers (star height > 1) such as (a+)+, the classic ReDoS shape.
  // Loaded when a rule is read from YAML; the built-in rules come precompiled and checked.
  const isSafeRegex = createRequire(import.meta.url)('safe-regex2') as typeof import('safe-regex2').default;
  if (!isSafeRegex(pattern)) return 'regular expression could backtrack catastrophically (nested quantifiers); rewrite it without a repeated group that itself repeats';
  return undefined;
}
