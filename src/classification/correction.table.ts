import { pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * A person's correction of the classifier: the (masked) text it saw, what it
 * said and what a person set instead. Exported as labelled CSV to train on.
 */
export const classificationCorrection = pgTable('classification_correction', {
  id: uuid('id').primaryKey().defaultRandom(),
  ticketId: uuid('ticket_id').notNull(),
  text: text('text').notNull(),
  predictedType: text('predicted_type').notNull(),
  predictedConfidence: real('predicted_confidence').notNull(),
  correctedType: text('corrected_type').notNull(),
  correctedByAgentId: uuid('corrected_by_agent_id'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
});
