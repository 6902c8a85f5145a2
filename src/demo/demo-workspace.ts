import type { ContactPointInput } from '../customers';
import { countAgents, createAgent } from '../agents';
import type { Clock } from '../platform/clock';
import { type Database, isUniqueViolation } from '../platform/db';
import { hashPassword, randomToken, systemActor } from '../platform/security';
import { createGroup } from '../routing';
import { addArticle, createTicket, nextTicketNumber, unrestricted, updateTicket } from '../tickets';
import { demoGroups, demoTickets } from './demo-tickets';

export interface SeedResult {
  seeded: boolean;
  adminEmail?: string;
  /** Only when generated here; shown once and never stored in clear. */
  generatedPassword?: string;
  groups?: number;
  tickets?: number;
}

/**
 * Gives an empty workspace an admin, skill groups and a few realistic Chinese
 * cases, so a first start shows a working desk. Does nothing once any agent
 * exists; two nodes booting at once seed it once (the loser's transaction
 * fails on the admin's unique email and rolls back).
 */
export async function seedDemoWorkspace(
  db: Database,
  options: { clock: Clock; timeZone: string; adminEmail: string; adminPassword?: string | undefined; withSampleTickets: boolean },
): Promise<SeedResult> {
  if ((await countAgents(db)) > 0) return { seeded: false };
  const generatedPassword = options.adminPassword ? undefined : randomToken(12);
  const passwordHash = await hashPassword(options.adminPassword ?? (generatedPassword as string));
  const now = options.clock.now();
  const tickets = options.withSampleTickets ? demoTickets : [];
  const numbers: string[] = [];
  for (const _ of tickets) numbers.push(await nextTicketNumber(db, now, options.timeZone));
  const actor = systemActor('demo-seed');
  try {
    await db.transaction(async (tx) => {
      const admin = await createAgent(tx, {
        email: options.adminEmail,
        name: '管理员',
        role: 'admin',
        passwordHash,
        actor: { type: 'system', id: 'demo-seed' },
        now,
      });
      const groupIds = new Map<string, string>();
      for (const group of demoGroups) {
        const created = await createGroup(tx, { ...group, memberIds: [admin.id], actor: { type: 'system', id: 'demo-seed' }, now });
        groupIds.set(group.name, created.id);
      }
      const agentActor = {
        kind: 'agent' as const,
        agentId: admin.id,
        role: 'admin' as const,
        groupIds: [...groupIds.values()],
        sessionId: null,
      };
      for (const [index, demo] of tickets.entries()) {
        const at = new Date(now.getTime() - demo.hoursAgo * 3_600_000);
        const contactPoints: ContactPointInput[] = [];
        if (demo.customer.email) contactPoints.push({ kind: 'email', value: demo.customer.email });
        if (demo.customer.mobile) contactPoints.push({ kind: 'mobile', value: demo.customer.mobile });
        const ticket = await createTicket(tx, {
          number: numbers[index] as string,
          subject: demo.subject,
          channel: demo.channel,
          customer: { platformUserId: demo.customer.platformUserId, name: demo.customer.name, contactPoints },
          groupId: groupIds.get(demo.group),
          priority: demo.priority,
          tags: demo.tags,
          isFormalComplaint: demo.isFormalComplaint,
          article: { kind: 'inbound', bodyText: demo.message },
          actor,
          now: at,
        });
        const later = new Date(at.getTime() + 20 * 60_000);
        if (demo.note) {
          await addArticle(tx, {
            number: ticket.number,
            kind: 'note',
            bodyText: demo.note,
            access: unrestricted,
            actor: agentActor,
            now: later,
            reopenWindowDays: 7,
          });
        }
        if (demo.reply) {
          await addArticle(tx, {
            number: ticket.number,
            kind: 'outbound',
            bodyText: demo.reply,
            access: unrestricted,
            actor: agentActor,
            now: later,
            reopenWindowDays: 7,
          });
        }
        if (demo.status !== 'new') {
          await updateTicket(tx, {
            number: ticket.number,
            changes: { status: demo.status, assigneeId: admin.id },
            access: unrestricted,
            actor: agentActor,
            now: later,
          });
        }
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { seeded: false };
    throw error;
  }
  return {
    seeded: true,
    adminEmail: options.adminEmail,
    ...(generatedPassword ? { generatedPassword } : {}),
    groups: demoGroups.length,
    tickets: tickets.length,
  };
}
