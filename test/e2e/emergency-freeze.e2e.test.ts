import fs from 'node:fs';
import path from 'node:path';
import { type APIRequestContext, type BrowserContext, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { adminEmail, adminPassword, outputDir, sharedPageSteps, twoChars, useServerAndBrowser } from '../support/e2e';
import { type PlatformServer, type ReceivedCall, startPlatformServer } from '../support/platform-server';

const SECRET = 'whsec_e2e_freeze_0123456789abcdefghijkl';
const ID_LAST4 = '739X';
const MOBILE_LAST4 = '8000';
const THEFT = '我的账号被盗了，有人在异地登录把钱转走了';
const phone = { width: 390, height: 844 };

interface SafetyJson {
  identity: { lastResult: string | null };
  freezeRequests: { id: string; state: string; platformReference: string | null; requestedBy: string }[];
}

describe('emergency freeze of a suspected-theft account: the customer by the self-service link, the agent from the ticket', () => {
  const session = useServerAndBrowser();
  const step = sharedPageSteps(session, { failureShot: 'emergency-freeze-failure.png' });
  let page: Page;
  let baseUrl = '';
  let platform: PlatformServer;
  /** The admin's API session, in a request context of its own. */
  let admin: APIRequestContext;
  /** The platform's back-end, calling with its API token. */
  let platformApi: APIRequestContext;
  let csrf = '';
  let customerContext: BrowserContext | undefined;
  let customerPage: Page;
  let customerTicket = '';
  let agentTicket = '';
  let sequence = 0;

  beforeAll(async () => {
    ({ page, baseUrl } = session);
    platform = await startPlatformServer({ secret: SECRET });
    platform.state.reply = (call: ReceivedCall) => {
      if (call.path === '/identity') {
        const right = call.json.idLast4 === ID_LAST4 && call.json.mobileLast4 === MOBILE_LAST4;
        return { status: 200, body: { result: right ? 'pass' : 'fail' } };
      }
      return { status: 200, body: { status: 'frozen', reference: `FRZ-${String(call.json.ticketNumber)}` } };
    };

    admin = await request.newContext({ baseURL: baseUrl });
    const login = await admin.post('/api/v1/auth/login', { data: { email: adminEmail, password: adminPassword } });
    expect(login.status(), await login.text()).toBe(200);
    csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    for (const [name, purpose, route] of [
      ['身份核验', 'identity_check', '/identity'],
      ['紧急冻结', 'account_freeze', '/freeze'],
    ] as const) {
      const created = await admin.post('/api/v1/webhook-endpoints', {
        headers: { 'x-csrf-token': csrf },
        data: { name, url: `${platform.url}${route}`, purposes: [purpose], secret: SECRET },
      });
      expect(created.status(), await created.text()).toBe(201);
    }
    const issued = await admin.post('/api/v1/api-tokens', {
      headers: { 'x-csrf-token': csrf },
      data: { name: '平台后端', scopes: ['tickets:read', 'tickets:write'] },
    });
    expect(issued.status(), await issued.text()).toBe(201);
    const { token } = (await issued.json()) as { token: string };
    platformApi = await request.newContext({ baseURL: baseUrl, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  });

  afterAll(async () => {
    await customerContext?.close().catch(() => undefined);
    await admin?.dispose();
    await platformApi?.dispose();
    await platform?.close();
  });

  /** The customer writes in through the platform's back-end, as its app would. */
  async function openTheftTicket(): Promise<string> {
    const created = await platformApi.post('/api/v1/tickets', {
      data: { subject: '账号被盗', customer: { platformUserId: `U-E2E-FRZ-${++sequence}` }, article: { bodyText: THEFT } },
    });
    expect(created.status(), await created.text()).toBe(201);
    const ticket = (await created.json()) as { number: string; problemType: string; priority: string };
    expect(ticket).toMatchObject({ problemType: 'suspected_theft', priority: 'urgent' });
    return ticket.number;
  }

  async function safety(number: string): Promise<SafetyJson> {
    const response = await admin.get(`/api/v1/tickets/${number}/safety`);
    expect(response.status(), await response.text()).toBe(200);
    return (await response.json()) as SafetyJson;
  }

  async function shot(target: Page, name: string): Promise<void> {
    fs.mkdirSync(outputDir, { recursive: true });
    await target.screenshot({ path: path.join(outputDir, name), fullPage: true });
  }

  step('the customer opens the link from the system reply on a phone, without a session, and freezes the account', async () => {
    customerTicket = await openTheftTicket();
    // The link is sent by a job after the ticket is committed: wait for the system reply.
    let link = '';
    await expect
      .poll(
        async () => {
          const articles = (await (await platformApi.get(`/api/v1/tickets/${customerTicket}/articles`)).json()) as {
            author: { type: string };
            bodyText: string;
          }[];
          const notice = articles.find((article) => article.author.type === 'system' && article.bodyText.includes('/self-service/freeze/'));
          link = notice?.bodyText.match(/https?:\/\/\S+\/self-service\/freeze\/[0-9A-Za-z_.%-]+/)?.[0] ?? '';
          return link;
        },
        { timeout: 15_000 },
      )
      .toMatch(/^http/);
    expect(link.startsWith(baseUrl)).toBe(true);

    const browser = page.context().browser();
    if (!browser) throw new Error('no browser');
    customerContext = await browser.newContext({
      viewport: phone,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    customerContext.setDefaultTimeout(10_000);
    customerPage = await customerContext.newPage();
    expect((await customerPage.request.get(`${baseUrl}/api/v1/auth/session`)).status()).toBe(401);

    await customerPage.goto(link);
    await customerPage.getByText(`紧急冻结账户 · 工单 ${customerTicket}`).waitFor();
    await customerPage.getByText('请先核验身份：').waitFor();
    expect(await customerPage.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(phone.width);
    await shot(customerPage, 'emergency-self-service-check.png');

    expect(await customerPage.getByLabel('身份证号后四位 / Last 4 of your ID').getAttribute('type')).toBe('password');
    await customerPage.getByLabel('身份证号后四位 / Last 4 of your ID').fill(ID_LAST4);
    await customerPage.getByLabel('手机号后四位 / Last 4 of your mobile').fill(MOBILE_LAST4);
    await customerPage.getByRole('button', { name: /核验 \/ Verify/ }).click();
    const freezeButton = customerPage.getByRole('button', { name: /立即冻结账户/ });
    await freezeButton.waitFor();
    await customerPage.getByText(/身份已核验/).waitFor();
    await shot(customerPage, 'emergency-self-service-verified.png');

    const delivered = platform.nextCall((call) => call.path === '/freeze' && call.json.ticketNumber === customerTicket);
    await freezeButton.click();
    const call = await delivered;
    expect(call.signature.valid).toBe(true);
    expect(call.headers['x-huiying-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(call.json).toMatchObject({
      type: 'account_freeze',
      platformUserId: `U-E2E-FRZ-${sequence}`,
      ticketNumber: customerTicket,
      requestedBy: 'customer',
      identityVerified: true,
    });
    // The digits went to the platform's identity endpoint only, never with the freeze.
    expect(call.body).not.toContain(ID_LAST4);

    // The platform answered "frozen" to the job's delivery: the page, polling its state, shows it without a reload.
    await customerPage.getByText('账户已冻结').waitFor({ timeout: 20_000 });
    await customerPage.getByText('Your account is frozen').waitFor();
    expect(await customerPage.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(phone.width);
    await shot(customerPage, 'emergency-self-service-frozen.png');
    const state = await safety(customerTicket);
    expect(state.freezeRequests[0]).toMatchObject({
      state: 'confirmed',
      requestedBy: 'customer',
      platformReference: `FRZ-${customerTicket}`,
    });
  });

  step('the agent signs in to the console and opens another suspected-theft ticket: the safety panel is at the top', async () => {
    agentTicket = await openTheftTicket();
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('邮箱').fill(adminEmail);
    await page.getByLabel('密码').fill(adminPassword);
    await page.getByRole('button', { name: twoChars('登录') }).click();
    await page.waitForURL(/\/tickets$/);
    await page.goto(`${baseUrl}/tickets/${agentTicket}`);
    const panel = page.getByTestId('safety-panel');
    await panel.getByText('安全处置').waitFor();
    await panel.getByText('疑似盗号').waitFor();
    await expect.poll(() => panel.getByTestId('identity-state').textContent()).toBe('未核验');
    await panel.getByText('客户身份尚未核验通过，请先电话核验后再冻结。').waitFor();
    await shot(page, 'emergency-agent-panel.png');
  });

  step(
    'runs the identity check: wrong digits → 未通过, right digits → 通过; the inputs are password fields, cleared after submit',
    async () => {
      const panel = page.getByTestId('safety-panel');
      const id = panel.getByLabel('身份证号后四位');
      const mobile = panel.getByLabel('手机号后四位');
      expect(await id.getAttribute('type')).toBe('password');
      expect(await mobile.getAttribute('type')).toBe('password');

      await id.fill('1234');
      await mobile.fill(MOBILE_LAST4);
      await panel.getByRole('button', { name: '核验身份' }).click();
      await panel.getByTestId('identity-outcome').getByText('核验未通过：信息不匹配').waitFor();
      await expect.poll(() => panel.getByTestId('identity-state').textContent()).toBe('未通过');
      expect(await id.inputValue()).toBe('');
      expect(await mobile.inputValue()).toBe('');
      await panel.getByText('本小时还可核验 4 次（共 5 次）').waitFor();
      await shot(page, 'emergency-agent-identity-fail.png');

      await id.fill(ID_LAST4.toLowerCase());
      await mobile.fill(MOBILE_LAST4);
      await panel.getByRole('button', { name: '核验身份' }).click();
      await panel.getByTestId('identity-outcome').getByText('核验通过').waitFor();
      await expect.poll(() => panel.getByTestId('identity-state').textContent()).toBe('通过');
      expect(await id.inputValue()).toBe('');
      expect((await safety(agentTicket)).identity.lastResult).toBe('pass');
    },
  );

  step('clicks 一键冻结, confirms with a reason, and the state reaches 平台已冻结 with the platform reference', async () => {
    const panel = page.getByTestId('safety-panel');
    const delivered = platform.nextCall((call) => call.path === '/freeze' && call.json.ticketNumber === agentTicket);
    await panel.getByRole('button', { name: /一键冻结/ }).click();
    const dialog = page.getByRole('dialog', { name: '确认紧急冻结客户的平台账户？' });
    await dialog.getByLabel('冻结原因').fill('客户来电确认资金被转走');
    // The modal's entrance animation over, so the screenshot shows the dialog rather than a half-drawn mask.
    await page.evaluate('Promise.all(document.getAnimations().map((animation) => animation.finished)).then(() => true)');
    await page.waitForTimeout(300);
    await shot(page, 'emergency-agent-confirm.png');
    await dialog.getByRole('button', { name: /确认冻结/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    const call = await delivered;
    expect(call.signature.valid).toBe(true);
    expect(call.json).toMatchObject({ requestedBy: 'agent', identityVerified: true, reason: '客户来电确认资金被转走' });

    await expect.poll(() => panel.getByTestId('freeze-state').textContent(), { timeout: 20_000 }).toBe('平台已冻结');
    await panel.getByTestId('freeze-reference').getByText(`FRZ-${agentTicket}`).waitFor();
    expect(await panel.getByRole('button', { name: /一键冻结/ }).count()).toBe(0);
    const state = await safety(agentTicket);
    expect(state.freezeRequests).toHaveLength(1);
    expect(state.freezeRequests[0]).toMatchObject({ state: 'confirmed', requestedBy: 'agent', platformReference: `FRZ-${agentTicket}` });
    await page.mouse.move(0, 0);
    await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 8_000 }).toBe(0);
    await shot(page, 'emergency-agent-frozen.png');
  });

  step('in English the panel reads in English', async () => {
    await page.getByText('English', { exact: true }).click();
    const panel = page.getByTestId('safety-panel');
    await panel.getByText('Safety', { exact: true }).waitFor();
    await panel.getByText('Suspected theft').waitFor();
    expect(await panel.getByTestId('identity-state').textContent()).toBe('Passed');
    expect(await panel.getByTestId('freeze-state').textContent()).toBe('Frozen by the platform');
    await shot(page, 'emergency-agent-frozen-en.png');
    await page.getByText('中文', { exact: true }).click();
    await panel.getByText('安全处置').waitFor();
  });
});
