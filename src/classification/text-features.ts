import { segmentWords } from '../platform/search';

/**
 * Names the feature extraction below. A model file records it, so a model
 * trained with a different extraction is rejected instead of silently
 * scoring terms it never saw.
 */
export const featureSetId = 'huiying-text/2';

/**
 * Term -> occurrences in one text. Prefixes keep the families apart: `w:` word,
 * `p:` word pair, `c:` character n-gram, `u:` and `b:` Han character and bigram.
 */
export type TermCounts = Map<string, number>;

// A Han run, or a run of other letters, marks and digits; everything else separates.
const RUN = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{M}\p{N}])+)/gu;
// Amounts, dates and account numbers differ in every message; that a number is there is what carries meaning.
const DIGITS = /\p{Nd}+/gu;
const DIGIT_CLASS = '#';

export function normalizeForFeatures(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * Sparse term counts of a Chinese, English or mixed text after NFKC
 * normalisation (full-width to half-width) and lower-casing. Han runs give
 * jieba words plus single characters, character bigrams and the run's first
 * and last character (`b:^被`, `b:了$`): these survive
 * segmentation mistakes and unknown words, and single characters such as 盗,
 * 冻 or 费 carry the problem type in the short messages customers write.
 * Other runs give words, adjacent word pairs and character 3–5-grams inside
 * each word (which survive spelling variants and inflection).
 */
export function textFeatures(text: string): TermCounts {
  const counts: TermCounts = new Map();
  const add = (term: string) => counts.set(term, (counts.get(term) ?? 0) + 1);
  let previousWord: string | undefined;
  for (const [, han, other] of normalizeForFeatures(text).matchAll(RUN)) {
    if (han) {
      for (const word of segmentWords(han)) add(`w:${word}`);
      // By code point: rare characters (CJK extension B and beyond) are surrogate pairs.
      const characters = [...han];
      for (const character of characters) add(`u:${character}`);
      for (let i = 0; i + 1 < characters.length; i++) add(`b:${characters[i]}${characters[i + 1]}`);
      // How a run opens (被, 有, 建) or ends (了, 吗) tells a report from a question or a request.
      add(`b:^${characters[0]}`);
      add(`b:${characters[characters.length - 1]}$`);
      previousWord = undefined;
    } else if (other) {
      const word = other.replace(DIGITS, DIGIT_CLASS);
      add(`w:${word}`);
      if (previousWord) add(`p:${previousWord} ${word}`);
      previousWord = word;
      if (word !== DIGIT_CLASS) addCharacterNgrams(word, add);
    }
  }
  return counts;
}

function addCharacterNgrams(word: string, add: (term: string) => void): void {
  const chars = [...`<${word}>`];
  for (let n = 3; n <= 5; n++) {
    for (let i = 0; i + n <= chars.length; i++) add(`c:${chars.slice(i, i + n).join('')}`);
  }
}
