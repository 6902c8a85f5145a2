import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { CsvError, type Info } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { AppError } from '../platform/errors';

export interface LabelledText {
  text: string;
  label: string;
}

// BANKING77 names its label column `category`.
const LABEL_COLUMNS = ['label', 'category'];

/**
 * Reads a UTF-8 `text,label` (or `text,category`) CSV with a header row;
 * other columns are ignored.
 * @throws AppError DATASET_INVALID, details `{ path, reason, line? }`: missing
 *   file, missing column, empty row or field, wrong field count, bad quoting
 *   (for bad quoting, `line` is where the parser gave up).
 */
export function readLabelledCsv(path: string): LabelledText[] {
  let content: string;
  try {
    content = fs.readFileSync(path, 'utf8');
  } catch (error) {
    throw invalid(path, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `cannot read: ${String(error)}`);
  }
  return parseLabelledCsv(content, path);
}

/** As {@link readLabelledCsv}, for CSV already in memory; `source` names it in errors. */
export function parseLabelledCsv(content: string, source = '<csv>'): LabelledText[] {
  let rows: { record: string[]; info: Info }[];
  try {
    // Field counts and empty lines are checked below, where the error can say which line and why.
    rows = parse(content, { bom: true, info: true, relax_column_count: true, skip_empty_lines: false }) as unknown as typeof rows;
  } catch (error) {
    if (error instanceof CsvError) throw invalid(source, `malformed CSV (${error.code}): ${error.message}`, error.lines as number);
    throw error;
  }
  const [header, ...records] = rows;
  if (!header) throw invalid(source, 'empty file; expected a header row text,label');
  const columns = header.record.map((name) => name.trim().toLowerCase());
  const textColumn = columns.indexOf('text');
  const labelColumn = columns.findIndex((name) => LABEL_COLUMNS.includes(name));
  if (textColumn < 0 || labelColumn < 0) {
    throw invalid(source, `header must name the columns text and label (or category); found: ${header.record.join(',')}`, 1);
  }
  return records.map(({ record, info }) => {
    if (record.every((field) => field.trim() === '')) throw invalid(source, 'empty row', info.lines);
    if (record.length !== columns.length) throw invalid(source, `expected ${columns.length} fields, found ${record.length}`, info.lines);
    const text = (record[textColumn] as string).trim();
    const label = (record[labelColumn] as string).trim();
    if (!text) throw invalid(source, 'empty text', info.lines);
    if (!label) throw invalid(source, 'empty label', info.lines);
    return { text, label };
  });
}

function invalid(path: string, reason: string, line?: number): AppError {
  return new AppError('DATASET_INVALID', { path, reason, ...(line === undefined ? {} : { line }) });
}

/**
 * A fixed split of a labelled set: within each label, examples are ordered by
 * a hash of `seed` and their text and the first `fraction` (at least one,
 * when the label has two or more) is held out. Independent of file order, and
 * repeated texts always land on the same side, so a duplicate cannot leak
 * from training into the held-out part.
 */
export function splitByLabel(
  examples: readonly LabelledText[],
  options: { fraction: number; seed: string },
): { train: LabelledText[]; heldOut: LabelledText[] } {
  const byLabel = new Map<string, { example: LabelledText; key: string }[]>();
  for (const example of examples) {
    const key = createHash('sha256').update(`${options.seed}\u0000${example.text}`).digest('hex');
    const group = byLabel.get(example.label) ?? [];
    group.push({ example, key });
    byLabel.set(example.label, group);
  }
  const heldOutTexts = new Set<string>();
  for (const group of byLabel.values()) {
    group.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const distinct = [...new Set(group.map(({ example }) => example.text))];
    const count = distinct.length < 2 ? 0 : Math.max(1, Math.round(distinct.length * options.fraction));
    for (const text of distinct.slice(0, count)) heldOutTexts.add(text);
  }
  const train: LabelledText[] = [];
  const heldOut: LabelledText[] = [];
  for (const example of examples) (heldOutTexts.has(example.text) ? heldOut : train).push(example);
  return { train, heldOut };
}
