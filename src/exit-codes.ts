/** Exit codes, as ESLint and knip use them. */
export const EXIT_OK = 0;
/** Undisclosed collection (or, with --strict, unused declarations). */
export const EXIT_FINDINGS = 1;
/** Usage error: bad arguments, an invalid or missing-when-required policy, an unreadable path. */
export const EXIT_USAGE = 2;
