import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { covers, loadCatalog } from '../config/catalog.js';
import type { CategoryId, SdkId } from '../types.js';
import { extractDisclosures, type PolicyTextExtraction } from './extract.js';
import { readPolicyText } from './read.js';

/**
 * Precision and recall of the extractor on a labelled corpus: a folder of policies with a
 * `labels.yaml` that says, per file, which categories and SDKs the policy discloses.
 */

/** A class that evaluations of policy readers report, and the taxonomy ids it stands for. */
export interface ScoredClass {
  name: string;
  matches: (category: CategoryId) => boolean;
}

/** Device identifiers that have no class of their own. */
const OTHER_DEVICE_IDS = ['device.id.android_id', 'device.id.vendor', 'device.id.generated', 'device.id.serial', 'device.id.machine'];

export const SCORED_CLASSES: readonly ScoredClass[] = [
  { name: 'IMEI', matches: (c) => covers('device.id.imei', c) },
  { name: 'advertising id', matches: (c) => covers('device.id.advertising', c) },
  { name: 'MAC', matches: (c) => covers('device.id.mac', c) },
  { name: 'device id', matches: (c) => c === 'device.id' || OTHER_DEVICE_IDS.some((id) => covers(id, c)) },
  { name: 'IMSI', matches: (c) => covers('device.id.imsi', c) },
  { name: 'IP address', matches: (c) => covers('network.ip', c) },
  { name: 'cookies', matches: (c) => covers('tracking.cookie', c) },
  { name: 'location', matches: (c) => covers('location', c) },
  { name: 'GPS', matches: (c) => covers('location.precise', c) },
];

export interface LabelledPolicy {
  file: string;
  disclosed: CategoryId[];
  sdks: SdkId[];
}

export interface ClassScore {
  name: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

/** One document-level error, for reading what the extractor got wrong. */
export interface ScoreError {
  file: string;
  class: string;
  kind: 'false-positive' | 'false-negative';
}

export interface CorpusScore {
  documents: number;
  classes: ClassScore[];
  macroF1: number;
  /** SDK detection, counted per (document, SDK). */
  sdks: ClassScore;
  errors: ScoreError[];
}

function score(name: string, tp: number, fp: number, fn: number): ClassScore {
  // With no prediction there is no false claim: precision is 1, and F1 falls with recall.
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { name, truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1 };
}

/** Scores extractions against labels; a class is predicted when any non-negated disclosure falls in it. */
export function scoreCorpus(cases: { labels: LabelledPolicy; extraction: PolicyTextExtraction }[]): CorpusScore {
  const errors: ScoreError[] = [];
  const classes = SCORED_CLASSES.map((cls) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const { labels, extraction } of cases) {
      const gold = labels.disclosed.some(cls.matches);
      const predicted = extraction.disclosures.some((d) => !d.negated && d.category !== null && cls.matches(d.category));
      if (gold && predicted) tp++;
      else if (predicted) {
        fp++;
        errors.push({ file: labels.file, class: cls.name, kind: 'false-positive' });
      } else if (gold) {
        fn++;
        errors.push({ file: labels.file, class: cls.name, kind: 'false-negative' });
      }
    }
    return score(cls.name, tp, fp, fn);
  });
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const { labels, extraction } of cases) {
    const predicted = new Set(extraction.disclosures.filter((d) => !d.negated && d.thirdParty !== null).map((d) => d.thirdParty!));
    for (const sdk of predicted) {
      if (labels.sdks.includes(sdk)) tp++;
      else {
        fp++;
        errors.push({ file: labels.file, class: `sdk ${sdk}`, kind: 'false-positive' });
      }
    }
    for (const sdk of labels.sdks.filter((s) => !predicted.has(s))) {
      fn++;
      errors.push({ file: labels.file, class: `sdk ${sdk}`, kind: 'false-negative' });
    }
  }
  const macroF1 = classes.reduce((sum, c) => sum + c.f1, 0) / classes.length;
  return { documents: cases.length, classes, macroF1, sdks: score('SDKs', tp, fp, fn), errors };
}

/** Reads `labels.yaml`; an unknown category or SDK id is an error, so labels cannot drift from the taxonomy. */
export function loadLabels(file: string): LabelledPolicy[] {
  const raw = YAML.parse(fs.readFileSync(file, 'utf8')) as { file: string; disclosed?: string[]; sdks?: string[] }[];
  const catalog = loadCatalog();
  return raw.map((entry) => {
    for (const category of entry.disclosed ?? []) {
      if (!catalog.categories.has(category)) throw new Error(`${file}: ${entry.file}: unknown category "${category}"`);
    }
    for (const sdk of entry.sdks ?? []) {
      if (!catalog.sdks.has(sdk)) throw new Error(`${file}: ${entry.file}: unknown SDK "${sdk}"`);
    }
    return { file: entry.file, disclosed: entry.disclosed ?? [], sdks: entry.sdks ?? [] };
  });
}

/** Extracts every labelled policy in `dir` (listed in `dir/labels.yaml`) and scores the result. */
export function evaluateCorpus(dir: string): CorpusScore {
  const labels = loadLabels(path.join(dir, 'labels.yaml'));
  return scoreCorpus(labels.map((l) => ({ labels: l, extraction: extractDisclosures(readPolicyText(path.join(dir, l.file)), l.file) })));
}

function twoDecimals(n: number): string {
  return n.toFixed(2);
}

/** A Markdown table of per-class precision, recall and F1, as the README shows it. */
export function formatCorpusScore(result: CorpusScore): string {
  const rows = [...result.classes, result.sdks].map(
    (c) => `| ${c.name} | ${c.truePositives} | ${c.falsePositives} | ${c.falseNegatives} | ${twoDecimals(c.precision)} | ${twoDecimals(c.recall)} | ${twoDecimals(c.f1)} |`,
  );
  return [
    '| class | TP | FP | FN | precision | recall | F1 |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `Macro F1 over the ${result.classes.length} categories: ${result.macroF1.toFixed(3)} (${result.documents} documents).`,
    '',
  ].join('\n');
}
