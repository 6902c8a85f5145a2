/**
 * `npx tsx bench/classifier-validation.ts [--data path/to/messages-train.csv] [--generic] [--verbose]`
 *
 * Tuning figures for the Huiying problem-type engine from the TRAINING file
 * only (messages-eval.csv is never read here): five fixed 80/20 splits of
 * messages-train.csv by `splitByLabel` with the seeds `huiying-validation-1`
 * … `-5`. For each split the default model is trained on the 80 % and the
 * whole engine (model and safety rules) is scored on the 20 %; the figures
 * are the mean over the five splits. The model is trained with
 * `problemTypeTrainingOptions`, or with the generic defaults under `--generic`. Also reports, over the whole training
 * file, how often each safety rule fires and how often it fires on a message
 * of another label (a false positive), which is what the rules are tuned on.
 * `--verbose` lists the held-out misses of theft and fraud and the rule false
 * positives, for working on the training data. `--swap-grid` scores other
 * thresholds for letting the model pick the other safety type under a rule
 * (`SafetySwap`), the rule alone (never) included, on the same splits.
 */
import { parseArgs } from 'node:util';
import {
  classifyText,
  defaultSafetySwap,
  defaultTrainingPath,
  type Evaluation,
  evaluate,
  type LabelledText,
  problemTypeTrainingOptions,
  readLabelledCsv,
  type SafetySwap,
  safetyRules,
  splitByLabel,
  trainModel,
} from '../src/classification';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    verbose: { type: 'boolean' },
    splits: { type: 'string' },
    generic: { type: 'boolean' },
    'swap-grid': { type: 'boolean' },
  },
});
const trainingOptions = values.generic ? {} : problemTypeTrainingOptions;
const examples = readLabelledCsv(values.data ?? defaultTrainingPath);
const splitCount = Number(values.splits ?? 5);
const watched = ['suspected_theft', 'fraud_report'];

const totals = { accuracy: 0, macroF1: 0, suspected_theft: 0, fraud_report: 0, trainingSeconds: 0 };
const misses: string[] = [];
const swapGrid: { name: string; swap: SafetySwap; sums: number[] }[] = [
  { name: 'never (the rule decides)', swap: { ratio: Number.POSITIVE_INFINITY, minimum: 2 }, sums: [0, 0, 0, 0] },
  ...[1, 2, 3, 5].flatMap((ratio) =>
    [0.3, 0.5, 0.7].map((minimum) => ({ name: `ratio ${ratio}, minimum ${minimum}`, swap: { ratio, minimum }, sums: [0, 0, 0, 0] })),
  ),
];
const recallOf = (evaluation: Evaluation, label: string) => evaluation.perLabel.find((score) => score.label === label)?.recall ?? 0;
for (let split = 1; split <= splitCount; split++) {
  const { train, heldOut } = splitByLabel(examples, { fraction: 0.2, seed: `huiying-validation-${split}` });
  const started = performance.now();
  const model = trainModel(train, trainingOptions);
  totals.trainingSeconds += (performance.now() - started) / 1000;
  const evaluation = evaluate(model, heldOut);
  totals.accuracy += evaluation.accuracy;
  totals.macroF1 += evaluation.macroF1;
  for (const label of watched) totals[label as 'fraud_report'] += recallOf(evaluation, label);
  if (values['swap-grid']) {
    for (const row of swapGrid) {
      const scored = evaluate(model, heldOut, row.swap);
      [scored.accuracy, scored.macroF1, recallOf(scored, 'suspected_theft'), recallOf(scored, 'fraud_report')].forEach((value, index) => {
        row.sums[index] = (row.sums[index] as number) + value;
      });
    }
  }
  if (values.verbose) {
    for (const example of heldOut) {
      const predicted = classifyText(model, example.text).type;
      if (predicted !== example.label && (watched.includes(example.label) || watched.includes(predicted)))
        misses.push(`  [${split}] ${example.label} -> ${predicted}: ${example.text}`);
    }
  }
}
const mean = (value: number) => (value / splitCount).toFixed(4);
const lines = [
  `== ${examples.length} training messages, ${splitCount} fixed 80/20 splits (seeds huiying-validation-1..${splitCount}), means:`,
  `  accuracy ${mean(totals.accuracy)}, macro-F1 ${mean(totals.macroF1)}, recall suspected_theft ${mean(totals.suspected_theft)}, recall fraud_report ${mean(totals.fraud_report)} (trained in ${mean(totals.trainingSeconds)} s each)`,
];
if (values['swap-grid']) {
  lines.push(
    `== the model picks the other safety type under a rule when (default: ratio ${defaultSafetySwap.ratio}, minimum ${defaultSafetySwap.minimum}):`,
  );
  for (const row of swapGrid) {
    const [accuracy, macroF1, theft, fraud] = row.sums.map((sum) => mean(sum));
    lines.push(
      `  ${row.name.padEnd(28)} accuracy ${accuracy}, macro-F1 ${macroF1}, recall suspected_theft ${theft}, recall fraud_report ${fraud}`,
    );
  }
}

const types = new Set(examples.map((example) => example.label));
const ruleStats = safetyRules.map((rule) => ({ id: rule.id, type: rule.type, fired: 0, wrong: [] as LabelledText[] }));
let ruleCovered = { suspected_theft: 0, fraud_report: 0 };
const support = { suspected_theft: 0, fraud_report: 0 };
for (const example of examples) {
  const result = classifyText({ ...emptyModel(types) }, example.text);
  if (example.label in support) support[example.label as 'fraud_report']++;
  if (!result.matchedRule) continue;
  const stats = ruleStats.find((rule) => rule.id === result.matchedRule);
  if (!stats) continue;
  stats.fired++;
  if (stats.type === example.label) ruleCovered = { ...ruleCovered, [example.label]: ruleCovered[example.label as 'fraud_report'] + 1 };
  else stats.wrong.push(example);
}
lines.push(
  `== safety rules on the whole training file: cover ${ruleCovered.suspected_theft}/${support.suspected_theft} suspected_theft, ${ruleCovered.fraud_report}/${support.fraud_report} fraud_report; false positives ${ruleStats.reduce((sum, rule) => sum + rule.wrong.length, 0)}`,
);
for (const rule of ruleStats) {
  lines.push(`  ${rule.id.padEnd(28)} fired ${String(rule.fired).padStart(3)}, on another label ${rule.wrong.length}`);
  if (values.verbose) for (const example of rule.wrong) lines.push(`      ${example.label}: ${example.text}`);
}
if (values.verbose) lines.push('== held-out misses involving theft or fraud', ...misses);
process.stdout.write(`${lines.join('\n')}\n`);

/** A model with no features: `classifyText` then reports only what the rules decide. */
function emptyModel(labels: Set<string>) {
  const sorted = [...labels].sort();
  return {
    featureSet: 'rules-only',
    labels: sorted,
    vocabulary: [],
    termIndex: new Map<string, number>(),
    idf: new Float64Array(0),
    weights: new Float64Array(0),
    bias: new Float64Array(sorted.length),
  };
}
