/**
 * `npm run bench:classifier`
 *
 * The problem-type engine on two data sets, printing accuracy, macro-F1,
 * training time and peak RSS, and writing them to bench/output/classifier.json:
 *
 * - BANKING77 (`../shared/datasets/banking77`, English, 77 intents), to check
 *   the engine against a public reference (TF-IDF + linear SVM: 0.913 on its
 *   test split). Hyperparameters were chosen on a fixed 10 % of train.csv
 *   (`held out of train` below); `public test split` trains on all of
 *   train.csv and scores test.csv, which was never used for tuning. Skipped,
 *   with a message, when the shared data sets are not there.
 * - Huiying's own taxonomy: the default model trained on
 *   `src/classification/data/messages-train.csv`, scored on messages-eval.csv.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  defaultEvaluationPath,
  defaultTrainingPath,
  type Evaluation,
  evaluate,
  type LabelledText,
  problemTypeTrainingOptions,
  readLabelledCsv,
  splitByLabel,
  type TrainingOptions,
  trainModel,
} from '../src/classification';

interface Figures {
  trainExamples: number;
  testExamples: number;
  vocabularySize: number;
  trainingSeconds: number;
  accuracy: number;
  macroF1: number;
  recall?: Record<string, number>;
}

function trainAndScore(
  train: LabelledText[],
  test: LabelledText[],
  recallOf: string[] = [],
  options: Partial<TrainingOptions> = {},
): Figures {
  const started = performance.now();
  const model = trainModel(train, options);
  const trainingSeconds = (performance.now() - started) / 1000;
  const evaluation: Evaluation = evaluate(model, test);
  const recall = Object.fromEntries(
    evaluation.perLabel.filter((score) => recallOf.includes(score.label)).map((score) => [score.label, round(score.recall)]),
  );
  return {
    trainExamples: train.length,
    testExamples: test.length,
    vocabularySize: model.vocabulary.length,
    trainingSeconds: round(trainingSeconds, 2),
    accuracy: round(evaluation.accuracy),
    macroF1: round(evaluation.macroF1),
    ...(recallOf.length > 0 ? { recall } : {}),
  };
}

function round(value: number, digits = 4): number {
  return Number(value.toFixed(digits));
}

function line(name: string, figures: Figures): string {
  const recall = Object.entries(figures.recall ?? {})
    .map(([label, value]) => `, recall ${label} ${value}`)
    .join('');
  return `  ${name.padEnd(28)} accuracy ${figures.accuracy}, macro-F1 ${figures.macroF1}${recall} (train ${figures.trainExamples}, test ${figures.testExamples}, vocabulary ${figures.vocabularySize}, trained in ${figures.trainingSeconds} s)`;
}

const report: Record<string, unknown> = {};
const lines: string[] = [];

const banking77 = path.resolve(import.meta.dirname, '../../shared/datasets/banking77');
if (fs.existsSync(path.join(banking77, 'train.csv'))) {
  const train = readLabelledCsv(path.join(banking77, 'train.csv'));
  const split = splitByLabel(train, { fraction: 0.1, seed: 'banking77' });
  const heldOut = trainAndScore(split.train, split.heldOut);
  const publicTest = trainAndScore(train, readLabelledCsv(path.join(banking77, 'test.csv')));
  report.banking77 = { heldOutOfTrain: heldOut, publicTestSplit: publicTest };
  lines.push('== BANKING77', line('held out of train (10 %)', heldOut), line('public test split', publicTest));
} else {
  lines.push(`== BANKING77 skipped: ${banking77} is not there (the shared data sets are outside the project)`);
}

const taxonomy = trainAndScore(
  readLabelledCsv(defaultTrainingPath),
  readLabelledCsv(defaultEvaluationPath),
  ['suspected_theft', 'fraud_report'],
  problemTypeTrainingOptions,
);
report.taxonomy = taxonomy;
lines.push('== Huiying problem types (messages-eval.csv)', line('default model', taxonomy));

report.peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
lines.push(`  peak RSS ${report.peakRssMiB} MiB`, '');
process.stdout.write(`${lines.join('\n')}\n`);
fs.mkdirSync(path.join(import.meta.dirname, 'output'), { recursive: true });
fs.writeFileSync(path.join(import.meta.dirname, 'output', 'classifier.json'), `${JSON.stringify(report, null, 2)}\n`);
