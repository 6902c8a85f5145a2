import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, buildGroup } from '../../test/factories';
import { ApiClient } from '../../test/support/api-client';
import { type PlatformServer, startPlatformServer } from '../../test/support/platform-server';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import { listAuditEntries } from '../audit';
import { queryRows } from '../platform/db';
import { passesLuhn } from '../safety';

let test: TestApp;
let api: ApiClient;

const CARD = '6222021234567890128';
const PASSWORD = 'Abc@12345';

beforeAll(async () => {
  test = await createTestApp();
  await buildGroup(test.ctx, { name: '一线客服', isDefault: true });
  api = new ApiClient(test.app, (await buildAgent(test, { role: 'admin' })).credentials);
});
afterAll(() => test.close());

/** Every text column of every table the write path touches, so a secret cannot hide in one the test forgot. */
async function everythingStored(): Promise<string> {
  const rows = await queryRows<{ dump: string }>(
    test.ctx.db,
    sql`select concat_ws(' ',
          (select string_agg(t::text, ' ') from ticket t),
          (select string_agg(a::text, ' ') from article a),
          (select string_agg(e::text, ' ') from audit_entry e),
          (select string_agg(o::text, ' ') from outbox_event o),
          (select string_agg(j::text, ' ') from job j)) as dump`,
  );
  return rows[0]?.dump ?? '';
}

async function openTicket(subject: string, body: Record<string, string>) {
  const response = await api.post('/api/v1/tickets', {
    subject,
    customer: { platformUserId: `U-MASK-${Math.random().toString(36).slice(2)}` },
    article: body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

describe('sensitive data in a customer’s message', () => {
  it('is masked in the subject, the text and the HTML before anything is stored, and the kinds are recorded', async () => {
    const ticket = await openTicket(`卡号${CARD}提现没到账`, {
      bodyText: `我的卡号 6222 0212 3456 7890 128，登录密码是${PASSWORD}，手机13800138000`,
      bodyHtml: `<p>我的卡号 <b>6222 0212 3456 7890 128</b>，登录密码是${PASSWORD}</p>`,
    });
    expect(ticket.subject).toBe('卡号622202*********0128提现没到账');
    const [message] = (await api.get(`/api/v1/tickets/${ticket.number}/articles`)).json();
    expect(message.bodyText).toBe('我的卡号 622202*********0128，登录密码是******，手机138****8000');
    expect(message.bodyHtml).toBe('<p>我的卡号 <b>622202*********0128</b>，登录密码是******</p>');
    expect([...message.maskedKinds].sort()).toEqual(['bank_card', 'mobile', 'password']);
    const chain = await listAuditEntries(test.ctx.db, 'ticket', ticket.id);
    expect(chain[1]?.after).toMatchObject({ maskedKinds: expect.arrayContaining(['bank_card', 'password']) });

    await test.settle();
    const stored = await everythingStored();
    expect(stored).not.toContain(CARD);
    expect(stored).not.toContain('6222 0212 3456 7890 128');
    expect(stored).not.toContain(PASSWORD);
    expect(stored).not.toContain('13800138000');
  });

  it('keeps only the masked text when a number is split across HTML tags', async () => {
    const ticket = await openTicket('转账失败', { bodyHtml: '<p>卡号<b>6222 0212</b> 3456 7890 128</p>' });
    const [message] = (await api.get(`/api/v1/tickets/${ticket.number}/articles`)).json();
    expect(message.bodyHtml).toBeNull();
    expect(message.bodyText).toBe('卡号622202*********0128');
  });

  it('warns the customer once that staff never ask for passwords or codes, without opening the ticket', async () => {
    const ticket = await openTicket('验证码问题', { bodyText: '验证码是 384912，你们客服让我发的' });
    await test.settle();
    await api.post(`/api/v1/tickets/${ticket.number}/articles`, { kind: 'inbound', bodyText: '密码是Qq123456，快帮我看看' });
    await test.settle();
    const messages = (await api.get(`/api/v1/tickets/${ticket.number}/articles`)).json();
    // The text also reads as a fraud report, which brings its own notice; this is about the masking warning.
    const warnings = messages.filter(
      (message: { author: { type: string }; bodyText: string }) =>
        message.author.type === 'system' && message.bodyText.startsWith('【安全提醒】'),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ kind: 'outbound', visibility: 'public' });
    expect(warnings[0].bodyText).toContain('绝不会向您索要密码、短信验证码');
    expect(warnings[0].bodyText).toContain('96110');
    const after = (await api.get(`/api/v1/tickets/${ticket.number}`)).json();
    expect(after.status).toBe('new');
    expect(after.firstRespondedAt).toBeNull();
  });

  it('sends the anti-fraud advice on a fraud report at once, besides the warning about what was masked', async () => {
    const ticket = await openTicket('有人冒充客服', {
      bodyText: '有人自称你们客服，让我下载向日葵共享屏幕，把钱转到安全账户，我把验证码 556677 也给他了',
    });
    expect(ticket).toMatchObject({ problemType: 'fraud_report', priority: 'urgent' });
    await test.settle();
    await test.settle();
    const notices = (await api.get(`/api/v1/tickets/${ticket.number}/articles`))
      .json()
      .filter((message: { author: { type: string } }) => message.author.type === 'system')
      .map((message: { bodyText: string }) => message.bodyText);
    // Besides the two safety notices, the processing promise every new case gets.
    expect(notices).toHaveLength(3);
    expect(notices.find((text: string) => text.startsWith('【防骗提醒】'))).toContain('96110');
    expect(notices.find((text: string) => text.startsWith('【安全提醒】'))).toBeDefined();
    expect(notices.find((text: string) => text.startsWith('【已受理】'))).toContain('7×24 小时紧急处理');
  });

  it('leaves agents’ replies and notes as written, and customers’ ordinary numbers alone', async () => {
    const ticket = await openTicket('提现', { bodyText: '订单号 20261123000123，尾号1234的卡，金额5000元' });
    const [message] = (await api.get(`/api/v1/tickets/${ticket.number}/articles`)).json();
    expect(message).toMatchObject({ bodyText: '订单号 20261123000123，尾号1234的卡，金额5000元', maskedKinds: [] });
    const reply = await api.post(`/api/v1/tickets/${ticket.number}/articles`, { kind: 'note', bodyText: `客户卡号核对为 ${CARD}` });
    expect(reply.json()).toMatchObject({ bodyText: `客户卡号核对为 ${CARD}`, maskedKinds: [] });
  });
});

const card = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 18 })
  .map((digits) => digits.join(''))
  .map((body) => `${body}${[...Array(10).keys()].find((check) => passesLuhn(`${body}${check}`))}`)
  // Numbers of a few distinct digits could turn up by chance in ids and timestamps of the responses.
  .filter((number) => new Set(number).size >= 5);
const typed = fc.constantFrom<(value: string) => string>(
  (value) => value,
  (value) => value.replace(/(.{4})(?=.)/g, '$1 '),
  (value) => value.replace(/(.{4})(?=.)/g, '$1-'),
  (value) => value.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)),
);
const digitsOf = (text: string) =>
  text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/(?<=\d)[ -](?=\d)/g, '');

describe('no Luhn-valid card number survives the API', () => {
  it('in the responses, the stored rows or the events, whichever field it is typed into', async () => {
    await fc.assert(
      fc.asyncProperty(card, typed, fc.constantFrom('subject', 'bodyText', 'bodyHtml', 'reply'), async (number, write, field) => {
        const written = write(number);
        const subject = field === 'subject' ? `卡号${written}` : '卡的问题';
        const article =
          field === 'bodyHtml'
            ? { bodyHtml: `<p>卡号：${written}</p>` }
            : { bodyText: field === 'bodyText' ? `卡号：${written}。` : '你好' };
        const opened = await api.post('/api/v1/tickets', {
          subject,
          customer: { platformUserId: `U-PROP-${Math.random().toString(36).slice(2)}` },
          article,
        });
        expect(opened.statusCode, opened.body).toBe(201);
        const responses = [opened.body];
        if (field === 'reply') {
          const reply = await api.post(`/api/v1/tickets/${opened.json().number}/articles`, {
            kind: 'inbound',
            bodyText: `补充：${written}`,
          });
          responses.push(reply.body);
        }
        responses.push((await api.get(`/api/v1/tickets/${opened.json().number}/articles`)).body);
        for (const body of responses) expect(digitsOf(body)).not.toContain(number);
        expect(digitsOf(await everythingStored())).not.toContain(number);
      }),
      { numRuns: 25 },
    );
  });
});

describe('no Luhn-valid card number survives in log lines or webhook bodies', () => {
  const SECRET = 'whsec_masking_0123456789abcdefghijklm';
  const lines: string[] = [];
  let outbound: TestApp;
  let admin: ApiClient;
  let platform: PlatformServer;

  beforeAll(async () => {
    // Debug level: request logging on, as an operator chasing a problem would run it.
    outbound = await createTestApp({ logLines: lines, logLevel: 'debug', env: { LOG_LEVEL: 'debug' } });
    platform = await startPlatformServer({ secret: SECRET, nowMs: () => outbound.clock.now().getTime() });
    platform.state.reply = () => ({ status: 200, body: { status: 'accepted' } });
    await buildGroup(outbound.ctx, { name: '一线客服', isDefault: true });
    admin = new ApiClient(outbound.app, (await buildAgent(outbound, { role: 'admin' })).credentials);
    const created = await admin.post('/api/v1/webhook-endpoints', {
      name: '紧急冻结',
      url: `${platform.url}/freeze`,
      purposes: ['account_freeze'],
      secret: SECRET,
    });
    expect(created.statusCode, created.body).toBe(201);
  });
  afterAll(async () => {
    await outbound.close();
    await platform.close();
  });

  it('whether typed into the subject, the message or a later reply of a theft report that is then frozen', async () => {
    await fc.assert(
      fc.asyncProperty(card, typed, fc.constantFrom('subject', 'bodyText', 'reply'), async (number, write, field) => {
        const written = write(number);
        const opened = await admin.post('/api/v1/tickets', {
          subject: field === 'subject' ? `账户被盗 卡号${written}` : '账户被盗',
          customer: { platformUserId: `U-OUT-${Math.random().toString(36).slice(2)}` },
          article: { bodyText: field === 'bodyText' ? `我的账户被盗了，卡号${written}被盗刷` : '我的账户被盗了，钱被转走了' },
        });
        expect(opened.statusCode, opened.body).toBe(201);
        const { number: ticketNumber } = opened.json();
        if (field === 'reply') {
          await admin.post(`/api/v1/tickets/${ticketNumber}/articles`, { kind: 'inbound', bodyText: `补充：被盗刷的卡是${written}` });
        }
        const freeze = await admin.post(`/api/v1/tickets/${ticketNumber}/freeze-requests`, { reason: `客户来电：卡号${written}被盗刷` });
        expect(freeze.statusCode, freeze.body).toBe(201);
        await outbound.settle();
        await outbound.settle();
        const delivered = platform.calls.filter((call) => call.json.ticketNumber === ticketNumber);
        // The property is about what was sent: a run where nothing reached the platform proves nothing.
        expect(delivered).toHaveLength(1);
        expect(delivered[0]?.signature).toEqual({ valid: true });
        expect(digitsOf(delivered[0]?.body ?? '')).not.toContain(number);
        expect(digitsOf(lines.join('\n'))).not.toContain(number);
      }),
      { numRuns: 15 },
    );
    // Request lines as well as the webhook job's: the logs were really written.
    expect(lines.some((line) => line.includes('incoming request'))).toBe(true);
    expect(lines.some((line) => line.includes('webhook attempt'))).toBe(true);
  });
});
