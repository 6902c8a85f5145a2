import { asc, eq } from 'drizzle-orm';
import type { OfficialChannelKind } from '@common/safety/official-channels';
import { appendAudit } from '../audit';
import { type Executor, isUniqueViolation } from '../platform/db';
import { AppError } from '../platform/errors';
import type { ActorRef } from '../platform/security';
import { type ChannelJudgement, guessChannelKind, judgeChannel, normalizeChannelValue } from './channel-lookalike';
import { officialChannel } from './official-channel.table';

export type OfficialChannelRow = typeof officialChannel.$inferSelect;

export function listOfficialChannels(db: Executor): Promise<OfficialChannelRow[]> {
  return db.select().from(officialChannel).orderBy(asc(officialChannel.kind), asc(officialChannel.value));
}

function auditSnapshot(row: OfficialChannelRow) {
  return { kind: row.kind, value: row.value, label: row.label };
}

/** Errors: VALIDATION_FAILED (not a value of that kind), OFFICIAL_CHANNEL_TAKEN. */
export async function registerOfficialChannel(
  tx: Executor,
  input: { kind: OfficialChannelKind; value: string; label: string; actor: ActorRef; now: Date },
): Promise<OfficialChannelRow> {
  const values = {
    kind: input.kind,
    value: normalizeChannelValue(input.kind, input.value),
    label: input.label.trim(),
    createdAt: input.now,
  };
  let row: OfficialChannelRow | undefined;
  try {
    [row] = await tx.insert(officialChannel).values(values).returning();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('OFFICIAL_CHANNEL_TAKEN', { kind: values.kind, value: values.value });
    throw error;
  }
  if (!row) throw new Error('insert returned no row');
  await appendAudit(tx, {
    subjectType: 'official_channel',
    subjectId: row.id,
    action: 'official_channel.registered',
    actor: input.actor,
    after: auditSnapshot(row),
    occurredAt: input.now,
    newSubject: true,
  });
  return row;
}

/** Errors: OFFICIAL_CHANNEL_NOT_FOUND. */
export async function removeOfficialChannel(tx: Executor, input: { id: string; actor: ActorRef; now: Date }): Promise<void> {
  const [row] = await tx.delete(officialChannel).where(eq(officialChannel.id, input.id)).returning();
  if (!row) throw new AppError('OFFICIAL_CHANNEL_NOT_FOUND');
  await appendAudit(tx, {
    subjectType: 'official_channel',
    subjectId: row.id,
    action: 'official_channel.removed',
    actor: input.actor,
    before: auditSnapshot(row),
    occurredAt: input.now,
  });
}

/**
 * Answers "is this really you?" for a number, address, link, WeChat id or
 * app name a customer was contacted through. Errors: VALIDATION_FAILED.
 */
export async function checkChannel(
  db: Executor,
  input: { value: string; kind?: OfficialChannelKind | undefined },
): Promise<ChannelJudgement<OfficialChannelRow>> {
  return judgeChannel(input.kind ?? guessChannelKind(input.value), input.value, await listOfficialChannels(db));
}
