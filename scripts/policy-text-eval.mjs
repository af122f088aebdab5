#!/usr/bin/env node
// Precision, recall and F1 of `privacy-lint policy extract` per category on the labelled corpus
// in fixtures/policy-text/corpus (dev: used while building the extractor; holdout: written after
// and not tuned on). Build first (`npm run build`); the README's table is this script's output.
// Usage: node scripts/policy-text-eval.mjs [--errors] [FOLDER...]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { evaluateCorpus, formatCorpusScore } from '../dist/policy-text/index.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.join(REPO, 'fixtures/policy-text/corpus');

const { values, positionals } = parseArgs({ options: { errors: { type: 'boolean' } }, allowPositionals: true });
const folders = positionals.length > 0 ? positionals : ['dev', 'holdout'];

for (const folder of folders) {
  const result = evaluateCorpus(path.isAbsolute(folder) ? folder : path.join(CORPUS, folder));
  process.stdout.write(`## ${folder}\n\n${formatCorpusScore(result)}\n`);
  if (values.errors) {
    for (const e of result.errors) process.stdout.write(`- ${e.kind} ${e.class}: ${e.file}\n`);
    process.stdout.write('\n');
  }
}
