import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentFixture, buildAgent, buildGroup, buildTicket } from '../../test/factories';
import { ApiClient } from '../../test/support/api-client';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import { listAuditEntries, verifyEntries } from '../audit';

let test: TestApp;
let inGroup: AgentFixture;
let outside: AgentFixture;
let ticket: { id: string; number: string; customerId: string };

beforeAll(async () => {
  test = await createTestApp();
  const front = await buildGroup(test.ctx, { name: '一线客服', isDefault: true });
  const other = await buildGroup(test.ctx, { name: '资金清算组' });
  inGroup = await buildAgent(test, { groupIds: [front.id] });
  outside = await buildAgent(test, { groupIds: [other.id] });
  ticket = await buildTicket(test.ctx, {
    groupId: front.id,
    customer: {
      platformUserId: 'U-REVEAL',
      name: '李四',
      contactPoints: [
        { kind: 'mobile', value: '13700137007' },
        { kind: 'email', value: 'li.si@example.com' },
      ],
    },
  });
});
afterAll(() => test.close());

const reveal = (agent: AgentFixture, body: unknown) =>
  new ApiClient(test.app, agent.credentials).post(`/api/v1/tickets/${ticket.number}/contact-points/reveal`, body);

describe('revealing a ticket customer’s contact points', () => {
  it('shows them whole to an agent of the ticket’s group and records who, which kinds and why — not the values', async () => {
    const response = await reveal(inGroup, { reason: '核实身份后回拨客户' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      customerId: ticket.customerId,
      contactPoints: expect.arrayContaining([
        { kind: 'mobile', value: '+8613700137007', masked: false },
        { kind: 'email', value: 'li.si@example.com', masked: false },
      ]),
    });
    const chain = await listAuditEntries(test.ctx.db, 'ticket', ticket.id);
    const last = chain.at(-1);
    expect(last).toMatchObject({
      action: 'ticket.masked_data_viewed',
      actorType: 'agent',
      actorId: inGroup.id,
      after: { data: 'customer.contact_points', customerId: ticket.customerId, reason: '核实身份后回拨客户' },
    });
    expect([...((last?.after?.kinds as string[] | undefined) ?? [])].sort()).toEqual(['email', 'mobile']);
    expect(JSON.stringify(last)).not.toMatch(/13700137007|li\.si@/);
    expect(verifyEntries(chain)).toBeUndefined();
  });

  it('needs a reason', async () => {
    const response = await reveal(inGroup, {});
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('answers an agent outside the group 404 TICKET_NOT_FOUND and records nothing', async () => {
    const before = (await listAuditEntries(test.ctx.db, 'ticket', ticket.id)).length;
    const response = await reveal(outside, { reason: '想看看' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('TICKET_NOT_FOUND');
    expect(await listAuditEntries(test.ctx.db, 'ticket', ticket.id)).toHaveLength(before);
  });
});
