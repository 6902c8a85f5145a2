import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, buildGroup } from '../../test/factories';
import { ApiClient } from '../../test/support/api-client';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import { listAuditEntries } from '../audit';
import { correctionsAsCsv } from './correction.service';
import { listProblemTypes } from './problem-type.service';

let test: TestApp;
let admin: ApiClient;
let security: { id: string };

beforeAll(async () => {
  test = await createTestApp();
  await buildGroup(test.ctx, { name: '一线客服', isDefault: true });
  security = await buildGroup(test.ctx, { name: '账户安全组' });
  admin = new ApiClient(test.app, (await buildAgent(test, { role: 'admin' })).credentials);
});
afterAll(() => test.close());

async function open(subject: string, bodyText: string, extra: Record<string, unknown> = {}) {
  const response = await admin.post('/api/v1/tickets', {
    subject,
    customer: { platformUserId: `U-TYPE-${Math.random().toString(36).slice(2)}` },
    article: { bodyText },
    ...extra,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

describe('problem types', () => {
  it('are seeded with the taxonomy and its defaults', async () => {
    const types = (await admin.get('/api/v1/problem-types')).json();
    expect(types.map((type: { code: string }) => type.code)).toHaveLength(14);
    expect(types.find((type: { code: string }) => type.code === 'suspected_theft')).toMatchObject({
      nameZh: '疑似盗号或未授权交易',
      recommendedChannel: 'phone',
      priority: 'urgent',
      slaClass: 'emergency',
      active: true,
    });
  });

  it('sort a customer’s new ticket: type, confidence, and the type’s group and priority', async () => {
    const patched = await admin.patch('/api/v1/problem-types/suspected_theft', { defaultGroupId: security.id });
    expect(patched.statusCode, patched.body).toBe(200);
    test.clock.advance(10_000);
    const ticket = await open('账号异常', '我的账号昨晚在陌生设备登录了，有一笔不是我操作的提现，钱被转走了！');
    expect(ticket).toMatchObject({ problemType: 'suspected_theft', priority: 'urgent', group: { id: security.id }, needsTriage: false });
    expect(ticket.classificationConfidence).toBeGreaterThan(0.5);
  });

  it('leave a caller’s own type, group and priority alone, and do not classify agents’ tickets', async () => {
    const given = await open('提现问题', '提现三天没到账', { problemType: 'other', priority: 'low' });
    expect(given).toMatchObject({ problemType: 'other', priority: 'low', classificationConfidence: null, needsTriage: false });
    const byAgent = await admin.post('/api/v1/tickets', {
      subject: '回访',
      customer: { platformUserId: 'U-OUT-1' },
      article: { kind: 'outbound', bodyText: '您好，回访一下上次的提现问题。' },
    });
    expect(byAgent.json()).toMatchObject({ problemType: null, classificationConfidence: null });
  });

  it('send an unsure guess to the triage queue, and a person’s choice takes it out', async () => {
    const ticket = await open('？？？', '嗯');
    expect(ticket.needsTriage).toBe(true);
    const queue = (await admin.get('/api/v1/tickets?needsTriage=true')).json();
    expect(queue.items.map((item: { number: string }) => item.number)).toContain(ticket.number);
    const set = await admin.patch(`/api/v1/tickets/${ticket.number}`, { problemType: ticket.problemType });
    expect(set.json()).toMatchObject({ needsTriage: false, classificationConfidence: null });
    const after = (await admin.get('/api/v1/tickets?needsTriage=true')).json();
    expect(after.items.map((item: { number: string }) => item.number)).not.toContain(ticket.number);
  });

  it('are edited by admins, audited, and refuse unknown codes and groups', async () => {
    const response = await admin.patch('/api/v1/problem-types/suggestion', { nameZh: '产品建议', priority: 'normal' });
    expect(response.json()).toMatchObject({ code: 'suggestion', nameZh: '产品建议', priority: 'normal' });
    const row = (await listProblemTypes(test.ctx.db)).find((type) => type.code === 'suggestion');
    const chain = await listAuditEntries(test.ctx.db, 'problem_type', row?.id ?? '');
    expect(chain.at(-1)).toMatchObject({ action: 'problem_type.updated', before: { nameZh: '建议' }, after: { nameZh: '产品建议' } });
    expect((await admin.patch('/api/v1/problem-types/no_such_type', { active: false })).json().error.code).toBe('PROBLEM_TYPE_NOT_FOUND');
    const badGroup = await admin.patch('/api/v1/problem-types/other', { defaultGroupId: '7d3c0f4e-9a51-4c8e-8f0e-2b6a1d9e4c10' });
    expect(badGroup.json().error.code).toBe('GROUP_NOT_FOUND');
    expect((await admin.patch('/api/v1/problem-types/other', {})).statusCode).toBe(400);
  });

  it('keep an agent’s correction of the classifier, with the masked text it judged, as training data', async () => {
    const ticket = await open('卡号6222021234567890128', '我的卡一直显示异常');
    expect(ticket.classificationConfidence).not.toBeNull();
    const corrected = ticket.problemType === 'balance_wrong' ? 'app_fault' : 'balance_wrong';
    await admin.patch(`/api/v1/tickets/${ticket.number}`, { problemType: corrected });
    const { csv, rows } = await correctionsAsCsv(test.ctx.db);
    expect(rows).toBe(1);
    expect(csv).toBe(`text,label\n"卡号622202*********0128\n我的卡一直显示异常",${corrected}\n`);
    // Changing it again is a person overruling a person: not the classifier's mistake.
    await admin.patch(`/api/v1/tickets/${ticket.number}`, { problemType: 'other' });
    expect((await correctionsAsCsv(test.ctx.db)).rows).toBe(1);
  });
});
