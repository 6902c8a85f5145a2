import { describe, expect, it } from 'vitest';
import { defaultEvaluationPath, defaultTrainingPath } from './classifier';
import { readLabelledCsv } from './dataset';

function characterBigrams(text: string): Set<string> {
  const characters = [...text.replace(/\s+/g, '')];
  const bigrams = new Set<string>();
  for (let i = 0; i + 1 < characters.length; i++) bigrams.add(`${characters[i]}${characters[i + 1]}`);
  if (characters.length === 1) bigrams.add(characters[0] as string);
  return bigrams;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const bigram of a) if (b.has(bigram)) shared++;
  return shared / (a.size + b.size - shared || 1);
}

// The evaluation figures mean something only while no evaluation message is a near-copy of one the model learnt from.
describe('committed problem-type data', () => {
  const train = readLabelledCsv(defaultTrainingPath);
  const evaluation = readLabelledCsv(defaultEvaluationPath);

  it('has no text twice, within a file or across the two', () => {
    const texts = [...train, ...evaluation].map((example) => example.text);
    expect(texts.length - new Set(texts).size).toBe(0);
  });

  it('has no evaluation message sharing half its character bigrams with a training message', () => {
    const trainBigrams = train.map((example) => characterBigrams(example.text));
    const nearCopies = evaluation.filter((example) => {
      const bigrams = characterBigrams(example.text);
      return trainBigrams.some((other) => jaccard(bigrams, other) >= 0.5);
    });
    expect(nearCopies.map((example) => example.text)).toEqual([]);
  });
});
