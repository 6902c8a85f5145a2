import { describe, expect, it, vi } from 'vitest';
import type { AgentRole } from '@common/tickets/ticket-fields';
import { buildAgent, buildGroup, buildTicket } from '../../test/factories';
import { ApiClient } from '../../test/support/api-client';
import { createTestApp } from '../../test/support/test-app';
import type { DomainEvent } from '../platform/events';
import type { Actor } from '../platform/security';
import { isVisibleTo, sseFrame } from './live-feed';

const GROUP_A = '0b7a4c44-0000-4000-8000-00000000000a';
const GROUP_B = '0b7a4c44-0000-4000-8000-00000000000b';
const ALICE = 'a11ce000-0000-4000-8000-000000000001';
const BOB = 'b0b00000-0000-4000-8000-000000000002';

function agentOf(role: AgentRole, groupIds: string[], agentId = ALICE): Extract<Actor, { kind: 'agent' }> {
  return { kind: 'agent', agentId, role, groupIds, sessionId: null };
}

function ticketEvent(payload: Record<string, unknown>, name = 'ticket.updated'): DomainEvent {
  return {
    id: 42,
    name,
    occurredAt: '2026-11-23T02:00:00.000Z',
    payload: { ticketId: 'c0ffee00-0000-4000-8000-000000000003', number: 'HY2611230001', assigneeId: null, ...payload },
  };
}

describe('which agents hear a ticket event', () => {
  it('lets an agent of the ticket’s group hear it', () => {
    expect(isVisibleTo(agentOf('agent', [GROUP_A]), ticketEvent({ groupId: GROUP_A }))).toBe(true);
  });

  it('keeps it from an agent of another group', () => {
    expect(isVisibleTo(agentOf('agent', [GROUP_B]), ticketEvent({ groupId: GROUP_A }))).toBe(false);
    expect(isVisibleTo(agentOf('agent', []), ticketEvent({ groupId: GROUP_A }))).toBe(false);
  });

  it('gives a notification to its recipient alone, not even to an admin', () => {
    const notification = ticketEvent({ recipientAgentId: ALICE, notificationId: 'n1', kind: 'sla_breach' }, 'agent_notification.created');
    expect(isVisibleTo(agentOf('agent', [], ALICE), notification)).toBe(true);
    expect(isVisibleTo(agentOf('admin', [GROUP_A], BOB), notification)).toBe(false);
  });

  it('lets supervisors and admins hear every ticket', () => {
    expect(isVisibleTo(agentOf('supervisor', []), ticketEvent({ groupId: GROUP_A }))).toBe(true);
    expect(isVisibleTo(agentOf('admin', [GROUP_B]), ticketEvent({ groupId: GROUP_A }))).toBe(true);
  });

  it('tells the old group once when a ticket moves out of it, through previousGroupId', () => {
    const moved = ticketEvent({ groupId: GROUP_B, previousGroupId: GROUP_A }, 'ticket.assigned');
    expect(isVisibleTo(agentOf('agent', [GROUP_A]), moved)).toBe(true);
    expect(isVisibleTo(agentOf('agent', [GROUP_B]), moved)).toBe(true);
    // Later events of the moved ticket no longer reach the old group.
    expect(isVisibleTo(agentOf('agent', [GROUP_A]), ticketEvent({ groupId: GROUP_B }))).toBe(false);
  });

  it('lets the assignee hear a ticket outside their groups, and the previous assignee hear it was taken away', () => {
    expect(isVisibleTo(agentOf('agent', [GROUP_B]), ticketEvent({ groupId: GROUP_A, assigneeId: ALICE }))).toBe(true);
    expect(isVisibleTo(agentOf('agent', [GROUP_B], BOB), ticketEvent({ groupId: GROUP_A, assigneeId: ALICE }))).toBe(false);
    const reassigned = ticketEvent({ groupId: GROUP_A, assigneeId: BOB, previousAssigneeId: ALICE }, 'ticket.assigned');
    expect(isVisibleTo(agentOf('agent', [GROUP_B]), reassigned)).toBe(true);
  });

  it('ignores payload values that are not strings rather than matching them', () => {
    const odd = ticketEvent({ groupId: [GROUP_A], assigneeId: { id: ALICE } });
    expect(isVisibleTo(agentOf('agent', [GROUP_A]), odd)).toBe(false);
  });

  it('lets every agent hear events that are not about a ticket', () => {
    const customerEvent: DomainEvent = {
      id: 7,
      name: 'customer.updated',
      occurredAt: '2026-11-23T02:00:00.000Z',
      payload: { customerId: 'x' },
    };
    expect(isVisibleTo(agentOf('agent', []), customerEvent)).toBe(true);
  });
});

describe('the SSE frame', () => {
  it('carries the event id, name and JSON data, ending with a blank line', () => {
    const frame = sseFrame(ticketEvent({ groupId: GROUP_A }));
    const lines = frame.split('\n');
    expect(lines.slice(0, 2)).toEqual(['id: 42', 'event: ticket.updated']);
    expect(JSON.parse((lines[2] as string).slice('data: '.length))).toMatchObject({ id: 42, payload: { groupId: GROUP_A } });
    expect(frame.endsWith('\n\n')).toBe(true);
  });
});

describe('events of a ticket moved to another group, as the live feed publishes them', () => {
  it('reach an agent of the old group exactly once, and the new group every time', async () => {
    const test = await createTestApp();
    try {
      const oldGroup = await buildGroup(test.ctx, { name: '旧组', isDefault: true });
      const newGroup = await buildGroup(test.ctx, { name: '新组' });
      const supervisor = await buildAgent(test, { role: 'supervisor' });
      const ticket = await buildTicket(test.ctx, { groupId: oldGroup.id });
      await test.settle();
      const heard: DomainEvent[] = [];
      const stop = test.ctx.bus.onEvent((event) => {
        if (event.payload.ticketId === ticket.id) heard.push(event);
      });
      try {
        const moved = await new ApiClient(test.app, supervisor.credentials).patch(`/api/v1/tickets/${ticket.number}`, {
          groupId: newGroup.id,
        });
        expect(moved.statusCode, moved.body).toBe(200);
        await test.settle();
        // With Redis the bus delivers asynchronously; ticket.updated is the last event of the change.
        await vi.waitFor(() => expect(heard.map((event) => event.name)).toContain('ticket.updated'));
      } finally {
        stop();
      }
      const names = (role: AgentRole, groupIds: string[]) =>
        heard.filter((event) => isVisibleTo(agentOf(role, groupIds, BOB), event)).map((event) => event.name);
      expect(names('agent', [oldGroup.id])).toEqual(['ticket.assigned']);
      expect(names('agent', [newGroup.id])).toEqual(['ticket.assigned', 'ticket.updated']);
    } finally {
      await test.close();
    }
  });
});
