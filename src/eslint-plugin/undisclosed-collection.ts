import path from 'node:path';
import type { Rule } from 'eslint';
import { findPolicy } from '../config/policy.js';
import { BlockingWorker } from './blocking-worker.js';
import type { FileVerdict, VerdictRequest } from './file-verdict.js';
import { ruleDocsUrl } from './rule-docs.js';

/** Options of `privacy-lint/undisclosed-collection`. */
export interface UndisclosedCollectionOptions {
  /**
   * A policy file, relative to ESLint's working directory, judged as `privacy-lint check --policy
   * FILE` run from there. Default: the nearest `policy.yaml` at or above the linted file, judged as
   * `privacy-lint check` run from the policy's folder.
   */
  policy?: string;
}

/** One worker for the whole ESLint process: it keeps the project snapshot between files. */
const scans = new BlockingWorker<VerdictRequest, FileVerdict>(new URL('./scan-worker.js', import.meta.url));

/** Reports, in the linted file, what `privacy-lint check` reports as undisclosed there. */
export const undisclosedCollection: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Report personal-data collection and tracking SDKs that policy.yaml does not disclose',
      recommended: true,
      url: ruleDocsUrl('undisclosed-collection'),
    },
    messages: {
      undisclosed: '{{ message }}',
      unusablePolicy: 'privacy-lint cannot use the policy: {{ problem }}',
    },
    schema: [
      {
        type: 'object',
        properties: { policy: { type: 'string', description: 'Policy file, relative to the ESLint working directory' } },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{}],
  },

  create(context) {
    // `check` never sees a block that a processor extracts (Markdown code, say), so neither does the rule.
    if (context.filename !== context.physicalFilename) return {};
    const option = (context.options[0] as UndisclosedCollectionOptions | undefined)?.policy;
    const file = path.resolve(context.cwd, context.filename);
    const policy = option ? path.resolve(context.cwd, option) : findPolicy(path.dirname(file));
    if (!policy) return {};
    const root = option ? context.cwd : path.dirname(policy);
    return {
      Program() {
        const verdict = scans.call({ policy, root, file, text: context.sourceCode.text });
        if ('problem' in verdict) {
          context.report({ loc: { line: 1, column: 0 }, messageId: 'unusablePolicy', data: { problem: verdict.problem } });
          return;
        }
        for (const f of verdict.findings) {
          context.report({
            loc: { start: { line: f.line, column: f.column - 1 }, end: { line: f.endLine, column: f.endColumn - 1 } },
            messageId: 'undisclosed',
            data: { message: f.message },
          });
        }
      },
    };
  },
};
