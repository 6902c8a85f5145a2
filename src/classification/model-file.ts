import fs from 'node:fs';
import { AppError } from '../platform/errors';
import type { LinearModel } from './linear-model';
import { featureSetId } from './text-features';

export const MODEL_FORMAT = 'huiying.problem-type-model';
export const MODEL_VERSION = 1;

/** The JSON of a trained model. `weights[l][f]` is the weight of `vocabulary[f]` for `labels[l]`. */
export interface ModelFile {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_VERSION;
  featureSet: string;
  labels: string[];
  vocabulary: string[];
  idf: number[];
  bias: number[];
  weights: number[][];
}

export function toModelFile(model: LinearModel): ModelFile {
  const labelCount = model.labels.length;
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    featureSet: model.featureSet,
    labels: model.labels,
    vocabulary: model.vocabulary,
    idf: Array.from(model.idf),
    bias: Array.from(model.bias),
    weights: model.labels.map((_, label) => model.vocabulary.map((_, feature) => model.weights[feature * labelCount + label] as number)),
  };
}

/**
 * The model a parsed JSON value describes, after checking its shape.
 * @throws AppError MODEL_INVALID, details `{ path, reason }`.
 */
export function fromModelFile(value: unknown, source = '<model>'): LinearModel {
  const fail = (reason: string) => new AppError('MODEL_INVALID', { path: source, reason });
  if (!isRecord(value) || value.format !== MODEL_FORMAT) throw fail(`not a Huiying problem-type model (expected format "${MODEL_FORMAT}")`);
  if (value.version !== MODEL_VERSION)
    throw fail(`unsupported version ${JSON.stringify(value.version)}; this build reads version ${MODEL_VERSION}`);
  if (value.featureSet !== featureSetId) {
    throw fail(`trained with features ${JSON.stringify(value.featureSet)}, this build extracts ${featureSetId}; retrain the model`);
  }
  const labels = uniqueStrings(value.labels, 'labels', fail);
  const vocabulary = uniqueStrings(value.vocabulary, 'vocabulary', fail);
  if (labels.length < 2) throw fail('a model needs at least two labels');
  const idf = finiteNumbers(value.idf, 'idf', vocabulary.length, fail);
  const bias = finiteNumbers(value.bias, 'bias', labels.length, fail);
  if (!Array.isArray(value.weights) || value.weights.length !== labels.length) throw fail('weights must have one row per label');
  const weights = new Float64Array(vocabulary.length * labels.length);
  value.weights.forEach((row: unknown, label) => {
    finiteNumbers(row, `weights[${label}]`, vocabulary.length, fail).forEach((weight, feature) => {
      weights[feature * labels.length + label] = weight;
    });
  });
  return {
    featureSet: featureSetId,
    labels,
    vocabulary,
    termIndex: new Map(vocabulary.map((term, index) => [term, index])),
    idf: Float64Array.from(idf),
    weights,
    bias: Float64Array.from(bias),
  };
}

export function writeModelFile(path: string, model: LinearModel): void {
  fs.writeFileSync(path, `${JSON.stringify(toModelFile(model))}\n`);
}

/** @throws AppError MODEL_INVALID when the file is missing, not JSON or not a valid model. */
export function readModelFile(path: string): LinearModel {
  let content: string;
  try {
    content = fs.readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `cannot read: ${String(error)}`;
    throw new AppError('MODEL_INVALID', { path, reason });
  }
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    throw new AppError('MODEL_INVALID', { path, reason: `not JSON: ${(error as Error).message}` });
  }
  return fromModelFile(value, path);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function uniqueStrings(value: unknown, field: string, fail: (reason: string) => AppError): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw fail(`${field} must be an array of strings`);
  if (new Set(value).size !== value.length) throw fail(`${field} has duplicates`);
  return value;
}

function finiteNumbers(value: unknown, field: string, length: number, fail: (reason: string) => AppError): number[] {
  if (!Array.isArray(value) || value.length !== length) throw fail(`${field} must be an array of ${length} numbers`);
  if (!value.every((item) => typeof item === 'number' && Number.isFinite(item))) throw fail(`${field} must hold only finite numbers`);
  return value;
}
