import { describe, expect, it } from 'vitest';
import { predictProbabilities, trainLinearModel } from './linear-model';
import type { TermCounts } from './text-features';

const counts = (...terms: string[]): TermCounts => new Map(terms.map((term) => [term, 1]));

// Each label has its own marker terms plus shared noise, so a correct learner separates them perfectly.
const markers: Record<string, string[]> = { red: ['r1', 'r2', 'r3'], green: ['g1', 'g2', 'g3'], blue: ['b1', 'b2', 'b3'] };
const documents: TermCounts[] = [];
const labels: string[] = [];
for (const [label, terms] of Object.entries(markers)) {
  for (let i = 0; i < 12; i++) {
    documents.push(counts(terms[i % 3] as string, terms[(i + 1) % 3] as string, `noise${i % 4}`));
    labels.push(label);
  }
}

function best(probabilities: Float64Array, modelLabels: string[]): string {
  let top = 0;
  probabilities.forEach((probability, index) => {
    if (probability > (probabilities[top] as number)) top = index;
  });
  return modelLabels[top] as string;
}

describe('linear model', () => {
  it('learns a separable toy set and returns a probability per label', () => {
    const model = trainLinearModel(documents, labels, 'toy');
    expect(model.labels).toEqual(['blue', 'green', 'red']);
    for (const [label, terms] of Object.entries(markers)) {
      const probabilities = predictProbabilities(model, counts(terms[0] as string, 'noise1'));
      expect(best(probabilities, model.labels)).toBe(label);
      expect(probabilities.reduce((sum, probability) => sum + probability, 0)).toBeCloseTo(1, 10);
    }
  });

  it('with balanced label weights, an over-represented label draws a text that is as much one as the other less', () => {
    // Four times as many red examples as green, both sharing the term "shared".
    const skewedDocuments = [
      ...Array.from({ length: 40 }, (_, i) => counts('r1', `shared${i % 2}`)),
      ...Array.from({ length: 10 }, (_, i) => counts('g1', `shared${i % 2}`)),
    ];
    const skewedLabels = [...Array(40).fill('red'), ...Array(10).fill('green')];
    const ambiguous = counts('shared0', 'shared1');
    const redShare = (classBalance: number) => {
      const model = trainLinearModel(skewedDocuments, skewedLabels, 'toy', { classBalance });
      return predictProbabilities(model, ambiguous)[model.labels.indexOf('red')] as number;
    };
    expect(redShare(0)).toBeGreaterThan(0.7);
    expect(redShare(1)).toBeLessThan(redShare(0));
    expect(redShare(1)).toBeLessThan(0.6);
  });

  it('leaves rare terms out of the vocabulary', () => {
    const model = trainLinearModel([...documents, counts('r1', 'once')], [...labels, 'red'], 'toy', { minDocumentFrequency: 2 });
    expect(model.vocabulary).not.toContain('once');
    expect(model.vocabulary).toContain('r1');
  });

  it('is deterministic for a seed and depends on it', () => {
    const first = trainLinearModel(documents, labels, 'toy', { seed: 7 });
    const again = trainLinearModel(documents, labels, 'toy', { seed: 7 });
    const other = trainLinearModel(documents, labels, 'toy', { seed: 8 });
    expect(Array.from(again.weights)).toEqual(Array.from(first.weights));
    expect(Array.from(other.weights)).not.toEqual(Array.from(first.weights));
  });

  it('falls back to the label priors for a text with no known term', () => {
    const model = trainLinearModel(documents, labels, 'toy');
    const probabilities = predictProbabilities(model, counts('unseen'));
    for (const probability of probabilities) expect(probability).toBeCloseTo(1 / 3, 1);
  });
});
