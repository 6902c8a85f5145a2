import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { PgInsertValue } from 'drizzle-orm/pg-core';
import type { TicketChannel, TicketPriority } from '@common/tickets/ticket-fields';
import type { TicketStatus } from '@common/tickets/ticket-status';
import { contactPoint, customer } from '../../src/customers';
import type { Database } from '../../src/platform/db';
import { documentVector } from '../../src/platform/search';
import { article, ticket, ticketNumberCounter } from '../../src/tickets';
import { seededRandom } from '../../src/platform/random';
import { generateCase } from './corpus';

const statuses: [TicketStatus, number][] = [
  ['new', 0.1],
  ['open', 0.2],
  ['pending_customer', 0.1],
  ['pending_third_party', 0.05],
  ['resolved', 0.15],
  ['closed', 0.4],
];
const channels: TicketChannel[] = ['email', 'chat', 'portal', 'phone', 'wechat', 'api'];
const priorities: TicketPriority[] = ['low', 'normal', 'normal', 'normal', 'high', 'urgent'];

function weighted<T>(random: () => number, table: [T, number][]): T {
  let roll = random();
  for (const [value, weight] of table) {
    roll -= weight;
    if (roll <= 0) return value;
  }
  return (table[table.length - 1] as [T, number])[0];
}

function dayCode(at: Date): string {
  const shanghai = new Date(at.getTime() + 8 * 3_600_000);
  return shanghai.toISOString().slice(2, 10).replace(/-/g, '');
}

export interface SeedReport {
  tickets: number;
  articles: number;
  customers: number;
  seconds: number;
}

/**
 * Bulk-loads tickets with their messages over the last 90 days, straight into
 * the tables in batches (the API path is measured separately). Audit entries
 * and outbox events are not written for seeded rows.
 */
export async function seedTickets(
  db: Database,
  options: { tickets: number; articlesPerTicket: number; groupIds: string[]; agentIds: string[]; now: Date },
): Promise<SeedReport> {
  const started = performance.now();
  const random = seededRandom(20261123);
  const customerCount = Math.max(1, Math.floor(options.tickets / 5));
  const customerIds: string[] = [];
  for (let offset = 0; offset < customerCount; offset += 2_000) {
    const rows = [];
    for (let i = offset; i < Math.min(customerCount, offset + 2_000); i++) {
      const id = randomUUID();
      customerIds.push(id);
      rows.push({ id, platformUserId: `U${100_000 + i}`, name: `客户${i}`, createdAt: options.now, updatedAt: options.now });
    }
    await db.insert(customer).values(rows);
    await db.insert(contactPoint).values(
      rows.map((row, j) => ({
        customerId: row.id,
        kind: 'email' as const,
        value: `user${offset + j}@example.com`,
        createdAt: options.now,
      })),
    );
  }

  const span = 90 * 86_400_000;
  const createdAts = Array.from({ length: options.tickets }, () => options.now.getTime() - Math.floor(random() * span)).sort(
    (a, b) => a - b,
  );
  const perDay = new Map<string, number>();
  let articles = 0;
  for (let offset = 0; offset < options.tickets; offset += 1_000) {
    const ticketRows: PgInsertValue<typeof ticket>[] = [];
    const articleRows: PgInsertValue<typeof article>[] = [];
    for (let i = offset; i < Math.min(options.tickets, offset + 1_000); i++) {
      const createdAt = new Date(createdAts[i] as number);
      const day = dayCode(createdAt);
      const seq = (perDay.get(day) ?? 0) + 1;
      perDay.set(day, seq);
      const customerIndex = Math.floor(random() * customerIds.length);
      const generated = generateCase(random, `U${100_000 + customerIndex}`, options.articlesPerTicket);
      const id = randomUUID();
      const status = weighted(random, statuses);
      const updatedAt = new Date(createdAt.getTime() + Math.floor(random() * 3 * 86_400_000));
      const channel = channels[Math.floor(random() * channels.length)] as TicketChannel;
      ticketRows.push({
        id,
        number: `HY${day}${String(seq).padStart(4, '0')}`,
        subject: generated.subject,
        status,
        channel,
        customerId: customerIds[customerIndex] as string,
        groupId: options.groupIds[Math.floor(random() * options.groupIds.length)] as string,
        assigneeId: status === 'new' ? null : (options.agentIds[Math.floor(random() * options.agentIds.length)] ?? null),
        priority: priorities[Math.floor(random() * priorities.length)] as TicketPriority,
        tags: random() < 0.3 ? ['vip'] : [],
        isFormalComplaint: random() < 0.03,
        articleCount: generated.messages.length,
        createdAt,
        updatedAt: updatedAt > options.now ? options.now : updatedAt,
        resolvedAt: status === 'resolved' || status === 'closed' ? updatedAt : null,
        closedAt: status === 'closed' ? updatedAt : null,
        searchVector: sql`${documentVector([generated.subject, ...generated.messages.map((m) => m.text)].join('\n'))}::tsvector`,
      });
      generated.messages.forEach((message, k) => {
        articleRows.push({
          ticketId: id,
          kind: message.kind,
          channel: message.kind === 'note' ? ('web' as const) : channel,
          visibility: message.kind === 'note' ? ('internal' as const) : ('public' as const),
          authorType: message.kind === 'inbound' ? ('customer' as const) : ('agent' as const),
          authorCustomerId: message.kind === 'inbound' ? (customerIds[customerIndex] as string) : null,
          authorAgentId: message.kind === 'inbound' ? null : (options.agentIds[0] ?? null),
          bodyText: message.text,
          createdAt: new Date(createdAt.getTime() + k * 600_000),
        });
      });
    }
    await db.transaction(async (tx) => {
      await tx.insert(ticket).values(ticketRows);
      for (let i = 0; i < articleRows.length; i += 2_000) await tx.insert(article).values(articleRows.slice(i, i + 2_000));
    });
    articles += articleRows.length;
  }
  for (const [day, lastValue] of perDay) {
    await db
      .insert(ticketNumberCounter)
      .values({ day, lastValue })
      .onConflictDoUpdate({
        target: ticketNumberCounter.day,
        set: { lastValue: sql`greatest(${ticketNumberCounter.lastValue}, ${lastValue})` },
      });
  }
  // Otherwise autovacuum and a WAL checkpoint of the bulk load run during the measurements.
  await db.execute(sql`vacuum analyze`);
  await db.execute(sql`checkpoint`);
  return { tickets: options.tickets, articles, customers: customerCount, seconds: (performance.now() - started) / 1000 };
}
