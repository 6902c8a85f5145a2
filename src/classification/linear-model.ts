import type { TermCounts } from './text-features';
import { seededRandom } from '../platform/random';

/**
 * Multinomial logistic regression (softmax) over TF-IDF features: sublinear
 * term frequency (1 + ln tf) times smoothed idf, each document l2-normalised.
 * Label-agnostic: the labels are whatever the training examples carry.
 */
export interface LinearModel {
  featureSet: string;
  labels: string[];
  vocabulary: string[];
  /** Term -> its column; derived from `vocabulary`. */
  termIndex: Map<string, number>;
  idf: Float64Array;
  /** Feature-major: the weight of feature f for label l is at `f * labels.length + l`, so one feature's labels are adjacent. */
  weights: Float64Array;
  bias: Float64Array;
}

export interface TrainingOptions {
  /** Passes over the shuffled training set. */
  epochs: number;
  /** AdaGrad base step. */
  learningRate: number;
  /** L2 penalty, applied to a weight whenever its feature occurs in an example. */
  l2: number;
  /** Terms in fewer training documents than this are left out of the vocabulary. */
  minDocumentFrequency: number;
  /**
   * How much each example's loss counts by its label: 0 counts every example
   * alike; 1 weighs a label by the inverse of its share ("balanced"), so
   * over-represented labels do not pull ambiguous texts to them; between is a
   * power of that weight.
   */
  classBalance: number;
  seed: number;
}

export const defaultTrainingOptions: TrainingOptions = {
  epochs: 12,
  learningRate: 0.1,
  l2: 1e-4,
  minDocumentFrequency: 2,
  classBalance: 0,
  seed: 20_251_123,
};

interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

/**
 * Trains on term counts and their labels. Deterministic: the same documents,
 * labels and options give the same weights (seeded shuffling, no threads).
 */
export function trainLinearModel(
  documents: readonly TermCounts[],
  documentLabels: readonly string[],
  featureSet: string,
  options: Partial<TrainingOptions> = {},
): LinearModel {
  const settings = { ...defaultTrainingOptions, ...options };
  if (documents.length !== documentLabels.length) throw new RangeError('every document needs exactly one label');
  const labels = [...new Set(documentLabels)].sort();
  const labelIndex = new Map(labels.map((label, index) => [label, index]));
  const { vocabulary, idf } = buildVocabulary(documents, settings.minDocumentFrequency);
  const model: LinearModel = {
    featureSet,
    labels,
    vocabulary,
    termIndex: new Map(vocabulary.map((term, index) => [term, index])),
    idf,
    weights: new Float64Array(vocabulary.length * labels.length),
    bias: new Float64Array(labels.length),
  };
  const vectors = documents.map((counts) => vectorize(model, counts));
  const targets = documentLabels.map((label) => labelIndex.get(label) as number);
  fitAdaGrad(model, vectors, targets, settings);
  // Rounded once here so that the written model file reproduces the in-memory model exactly.
  roundInPlace(model.weights);
  roundInPlace(model.bias);
  return model;
}

/** Probability of each of `model.labels`, in that order. */
export function predictProbabilities(model: LinearModel, counts: TermCounts): Float64Array {
  return softmaxScores(model, vectorize(model, counts));
}

function buildVocabulary(documents: readonly TermCounts[], minDocumentFrequency: number) {
  const documentFrequency = new Map<string, number>();
  for (const counts of documents) {
    for (const term of counts.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const vocabulary = [...documentFrequency]
    .filter(([, frequency]) => frequency >= minDocumentFrequency)
    .map(([term]) => term)
    .sort();
  // Smoothed as if one extra document held every term: no zero division, no negative weight.
  const idf = Float64Array.from(vocabulary, (term) => Math.log((1 + documents.length) / (1 + (documentFrequency.get(term) as number))) + 1);
  return { vocabulary, idf };
}

function vectorize(model: LinearModel, counts: TermCounts): SparseVector {
  const indices: number[] = [];
  const values: number[] = [];
  let squaredNorm = 0;
  for (const [term, count] of counts) {
    const index = model.termIndex.get(term);
    if (index === undefined) continue;
    const value = (1 + Math.log(count)) * (model.idf[index] as number);
    indices.push(index);
    values.push(value);
    squaredNorm += value * value;
  }
  const norm = Math.sqrt(squaredNorm) || 1;
  return { indices: Int32Array.from(indices), values: Float64Array.from(values, (value) => value / norm) };
}

function softmaxScores(model: LinearModel, vector: SparseVector, into = new Float64Array(model.labels.length)): Float64Array {
  const labelCount = model.labels.length;
  into.set(model.bias);
  for (let i = 0; i < vector.indices.length; i++) {
    const base = (vector.indices[i] as number) * labelCount;
    const value = vector.values[i] as number;
    for (let label = 0; label < labelCount; label++)
      into[label] = (into[label] as number) + (model.weights[base + label] as number) * value;
  }
  let max = Number.NEGATIVE_INFINITY;
  for (const score of into) if (score > max) max = score;
  let sum = 0;
  for (let label = 0; label < labelCount; label++) {
    const exp = Math.exp((into[label] as number) - max);
    into[label] = exp;
    sum += exp;
  }
  for (let label = 0; label < labelCount; label++) into[label] = (into[label] as number) / sum;
  return into;
}

/**
 * Per-example AdaGrad on the cross-entropy loss. Only the weights of features
 * present in an example are touched, which keeps an epoch proportional to the
 * number of non-zero features rather than to the vocabulary; for the same
 * reason the L2 penalty is applied lazily, to the weights being updated.
 */
function fitAdaGrad(model: LinearModel, vectors: SparseVector[], targets: number[], settings: TrainingOptions): void {
  const labelCount = model.labels.length;
  const squaredGradients = new Float64Array(model.weights.length);
  const biasSquaredGradients = new Float64Array(labelCount);
  const gradient = new Float64Array(labelCount);
  const random = seededRandom(settings.seed);
  const order = Array.from(vectors.keys());
  const { learningRate, l2 } = settings;
  const labelCounts = new Float64Array(labelCount);
  for (const target of targets) labelCounts[target] = (labelCounts[target] as number) + 1;
  const labelWeights = Float64Array.from(labelCounts, (count) =>
    count === 0 ? 0 : (targets.length / (labelCount * count)) ** settings.classBalance,
  );
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const example of order) {
      const vector = vectors[example] as SparseVector;
      softmaxScores(model, vector, gradient);
      const target = targets[example] as number;
      gradient[target] = (gradient[target] as number) - 1;
      const exampleWeight = labelWeights[target] as number;
      if (exampleWeight !== 1)
        for (let label = 0; label < labelCount; label++) gradient[label] = (gradient[label] as number) * exampleWeight;
      for (let label = 0; label < labelCount; label++) {
        const g = gradient[label] as number;
        biasSquaredGradients[label] = (biasSquaredGradients[label] as number) + g * g;
        model.bias[label] = (model.bias[label] as number) - (learningRate * g) / (Math.sqrt(biasSquaredGradients[label] as number) + 1e-8);
      }
      for (let i = 0; i < vector.indices.length; i++) {
        const base = (vector.indices[i] as number) * labelCount;
        const value = vector.values[i] as number;
        for (let label = 0; label < labelCount; label++) {
          const at = base + label;
          const weight = model.weights[at] as number;
          const g = (gradient[label] as number) * value + l2 * weight;
          const accumulated = (squaredGradients[at] as number) + g * g;
          squaredGradients[at] = accumulated;
          model.weights[at] = weight - (learningRate * g) / (Math.sqrt(accumulated) + 1e-8);
        }
      }
    }
  }
}

function roundInPlace(values: Float64Array): void {
  for (let i = 0; i < values.length; i++) values[i] = Math.round((values[i] as number) * 1e5) / 1e5;
}

function shuffleInPlace<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}
