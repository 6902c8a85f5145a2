import { asc } from 'drizzle-orm';
import { stringify } from 'csv-stringify/sync';
import type { Executor } from '../platform/db';
import { classificationCorrection } from './correction.table';

export interface Correction {
  ticketId: string;
  text: string;
  predictedType: string;
  predictedConfidence: number;
  correctedType: string;
  correctedByAgentId: string | null;
  now: Date;
}

/** Keeps what a person changed the classifier's type to, with the text it judged. */
export async function recordCorrection(tx: Executor, correction: Correction): Promise<void> {
  const { now, ...fields } = correction;
  await tx.insert(classificationCorrection).values({ ...fields, createdAt: now });
}

/** Every correction as `text,label` CSV, oldest first: append it to a training file and retrain. */
export async function correctionsAsCsv(db: Executor): Promise<{ csv: string; rows: number }> {
  const rows = await db
    .select({ text: classificationCorrection.text, label: classificationCorrection.correctedType })
    .from(classificationCorrection)
    .orderBy(asc(classificationCorrection.createdAt), asc(classificationCorrection.id));
  return { csv: stringify(rows, { header: true, columns: ['text', 'label'] }), rows: rows.length };
}
