/**
 * Reading a published privacy policy: which data categories and SDKs it discloses, sentence by
 * sentence, and how that compares with policy.yaml.
 *
 * text -> blocks (Markdown/HTML) -> sentences -> terms, negation, party -> disclosures -> summary
 */
export { decodePolicyBytes, repairMojibake } from './decode.js';
export { type Disclosure, extractDisclosures, type PolicyTextExtraction } from './extract.js';
export type { Party } from './party.js';
export { type DisclosedSdk, type PolicyTextSummary, summarizeDisclosures } from './summary.js';
export { draftPolicyFromText } from './draft.js';
export { type DiffDirection, diffPolicyText, type PolicyDifference } from './diff.js';
export { formatDiff, formatExtraction } from './format.js';
export { MAX_POLICY_TEXT_BYTES, readPolicyText } from './read.js';
export { type CorpusScore, evaluateCorpus, formatCorpusScore, SCORED_CLASSES } from './score.js';
