import { TOOL_VERSION } from '../version.js';

/**
 * The documentation of an ESLint rule: its section in the README of the installed release, whose
 * heading is the rule name, so that the link and the text cannot drift apart.
 */
export function ruleDocsUrl(rule: string): string {
  return `https://www.npmjs.com/package/privacy-lint/v/${TOOL_VERSION}#${rule}`;
}
