import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/**
 * Chinese full-text search on plain PostgreSQL `simple` tsvectors (the same on
 * PGlite and on a server): the application segments text with jieba and hands
 * the database ready-made lexemes with positions.
 *
 * Documents are indexed by word (so `到账` does not match `账号`), and each word
 * also contributes its dictionary sub-words at the same position (so `提现`
 * finds `提现申请`). Queries are cut the same way and joined with `<->`, so a
 * multi-word query must appear as a phrase.
 */
const financeTerms = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'finance-terms.txt'));

let jieba: Jieba | undefined;
function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(financeTerms);
  }
  return jieba;
}

// Positions above this are clamped by PostgreSQL; text beyond it is not indexed.
const MAX_POSITION = 16_383;
const MAX_LEXEME_CHARS = 100;
const WORD = /[\p{L}\p{N}]/u;

export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function isWord(token: string): boolean {
  return WORD.test(token) && token.length <= MAX_LEXEME_CHARS;
}

/** Words of a text in order, punctuation and white space dropped. */
export function segmentWords(text: string): string[] {
  return segmenter()
    .cut(normalizeText(text), true)
    .map((token) => token.trim())
    .filter(isWord);
}

function subWords(word: string): string[] {
  if (word.length < 3) return [];
  return segmenter()
    .cutForSearch(word, false)
    .filter((part) => part !== word && part.length >= 2 && isWord(part));
}

function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** A `tsvector` literal for the text, to be cast with `::tsvector`. */
export function documentVector(text: string): string {
  const positions = new Map<string, number[]>();
  let position = 0;
  for (const word of segmentWords(text)) {
    position++;
    if (position > MAX_POSITION) break;
    for (const lexeme of [word, ...subWords(word)]) {
      const list = positions.get(lexeme);
      if (list) {
        // PostgreSQL keeps at most 256 positions per lexeme.
        if (list.length < 256 && list[list.length - 1] !== position) list.push(position);
      } else positions.set(lexeme, [position]);
    }
  }
  return [...positions].map(([lexeme, at]) => `${quoteLexeme(lexeme)}:${at.join(',')}`).join(' ');
}

/**
 * A `tsquery` literal (cast with `::tsquery`), or undefined when the query has
 * no searchable word. White space separates terms that must all match; the
 * words inside one term must appear as a phrase.
 */
export function searchQuery(query: string): string | undefined {
  const terms = normalizeText(query)
    .split(/\s+/)
    .map((term) => segmentWords(term))
    .filter((words) => words.length > 0)
    .slice(0, 16)
    .map((words) => (words.length === 1 ? quoteLexeme(words[0] as string) : `(${words.map(quoteLexeme).join(' <-> ')})`));
  return terms.length === 0 ? undefined : terms.join(' & ');
}
