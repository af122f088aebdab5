/**
 * privacy-lint as an ESLint 9 flat-config plugin: `undisclosed-collection` reports, while you type,
 * what `privacy-lint check` reports for the file against the nearest policy.yaml.
 *
 * @example
 * // eslint.config.js
 * import privacyLint from 'privacy-lint/eslint-plugin';
 * export default [privacyLint.configs.recommended];
 * @packageDocumentation
 */
import type { ESLint, Linter } from 'eslint';
import { TOOL_VERSION } from '../version.js';
import { undisclosedCollection } from './undisclosed-collection.js';

export type { UndisclosedCollectionOptions } from './undisclosed-collection.js';

const configs: { recommended: Linter.Config } = {
  recommended: {
    name: 'privacy-lint/recommended',
    rules: { 'privacy-lint/undisclosed-collection': 'error' },
  },
};

/** The plugin: register it under the `privacy-lint` namespace, or use `configs.recommended`. */
const plugin = {
  meta: { name: 'privacy-lint', version: TOOL_VERSION },
  rules: { 'undisclosed-collection': undisclosedCollection },
  configs,
} satisfies ESLint.Plugin;

// The config must hold this very object: flat config rejects two different plugins under one name.
configs.recommended.plugins = { 'privacy-lint': plugin };

export default plugin;
