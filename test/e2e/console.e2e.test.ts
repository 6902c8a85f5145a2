import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect } from 'vitest';
import { adminEmail, adminPassword, outputDir, sharedPageSteps, twoChars, useServerAndBrowser } from '../support/e2e';

const screenshotPath = path.join(outputDir, 'console-ticket.png');
const withdrawalSubject = '【提现未到账+U10086】提现三天了还没到账';
const smsSubject = '登录一直收不到短信验证码';

describe('agent console in a real browser', () => {
  const session = useServerAndBrowser();
  const step = sharedPageSteps(session);
  let page: Page;
  let baseUrl = '';
  let ticketNumber = '';
  beforeAll(() => {
    ({ page, baseUrl } = session);
  });

  step('sends a visitor without a session to the login and shows the Chinese error for a wrong password', async () => {
    await page.goto(`${baseUrl}/tickets`);
    await page.waitForURL(/\/login\?next=%2Ftickets$/);
    await page.getByRole('heading', { name: '登录客服工作台' }).waitFor();

    await page.getByLabel('邮箱').fill(adminEmail);
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: twoChars('登录') }).click();
    await page.getByRole('alert').filter({ hasText: '邮箱或密码错误。' }).waitFor();
  });

  step('signs in and lists the seeded Chinese demo tickets', async () => {
    await page.getByLabel('密码').fill(adminPassword);
    await page.getByRole('button', { name: twoChars('登录') }).click();
    await page.waitForURL(/\/tickets$/);

    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.filter({ hasText: withdrawalSubject }).waitFor();
    await rows.filter({ hasText: smsSubject }).waitFor();
    await expect.poll(() => rows.count()).toBe(8);
    const withdrawal = rows.filter({ hasText: withdrawalSubject });
    await withdrawal.getByText('客户看到：处理中').waitFor();
    await withdrawal.getByText('资金清算组').waitFor();
    await page.getByText('实时更新已连接').waitFor();
  });

  step('shows a ticket opened elsewhere without a reload (live feed)', async () => {
    const subject = '实时推送：开户审核一直未通过';
    // page.request shares the browser's cookies, so this is the same agent acting from another tab.
    const session = await page.request.get(`${baseUrl}/api/v1/auth/session`);
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const created = await page.request.post(`${baseUrl}/api/v1/tickets`, {
      headers: { 'x-csrf-token': csrfToken },
      data: {
        subject,
        customer: { name: '吴芳', platformUserId: 'U90001' },
        article: { bodyText: '开户资料提交三天了，审核一直显示未通过。' },
      },
    });
    expect(created.status()).toBe(201);

    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.filter({ hasText: subject }).waitFor();
    await expect.poll(() => rows.count()).toBe(9);
  });

  step('finds the withdrawal ticket by searching 提现', async () => {
    await page.getByPlaceholder('搜索主题与内容（支持中文）或工单号').fill('提现');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=%E6%8F%90%E7%8E%B0/);

    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.filter({ hasText: smsSubject }).waitFor({ state: 'detached' });
    await expect.poll(() => rows.count()).toBe(1);
    await rows.filter({ hasText: withdrawalSubject }).waitFor();
    ticketNumber = (await rows.first().getByRole('link').textContent()) ?? '';
    expect(ticketNumber).toMatch(/^HY\d{10,}$/);
  });

  step('opens the ticket with its timeline', async () => {
    await page.getByText(withdrawalSubject).click();
    await page.waitForURL(new RegExp(`/tickets/${ticketNumber}$`));
    await page.getByRole('heading', { name: withdrawalSubject }).waitFor();

    await page.getByRole('article', { name: '客户来信' }).filter({ hasText: '招商银行卡（尾号1234）' }).waitFor();
    await page.getByRole('article', { name: '客服回复' }).filter({ hasText: '王先生您好，已收到您的反馈' }).waitFor();
    await page.getByRole('article', { name: '内部备注' }).filter({ hasText: '通道侧流水号' }).waitFor();
    await page.getByText('客户看到：处理中').first().waitFor();
  });

  step('shows the customer’s email masked, and whole only after a reason is given', async () => {
    const points = page.getByTestId('contact-point');
    await points.filter({ hasText: 'w***@example.com' }).waitFor();
    expect(await page.getByText('wang.lei@example.com').count()).toBe(0);
    await page.getByRole('button', { name: '查看完整' }).click();
    const dialog = page.getByRole('dialog', { name: '查看完整联系方式' });
    const reason = dialog.getByRole('textbox', { name: '查看原因' });
    await reason.waitFor();
    // A click during the dialog's opening animation can be lost on a loaded machine; asking again is harmless.
    await expect
      .poll(async () => {
        await dialog.getByRole('button', { name: twoChars('查看') }).click();
        return dialog.getByText('请填写查看原因（2–200 字）').isVisible();
      })
      .toBe(true);
    await reason.fill('核实身份后回拨客户');
    await dialog.getByRole('button', { name: twoChars('查看') }).click();
    await points.filter({ hasText: 'wang.lei@example.com' }).waitFor();
    await dialog.waitFor({ state: 'hidden' });
  });

  step('sends a reply to the customer and shows it in the timeline', async () => {
    const reply = `王先生您好，您的提现已到账，请查收。（回归测试 ${Date.now()}）`;
    const box = page.getByRole('textbox', { name: '回复客户' });
    await box.fill(reply);
    await page.getByRole('button', { name: '发送回复' }).click();

    const sent = page.getByRole('article', { name: '客服回复' }).filter({ hasText: reply });
    await sent.waitFor();
    await sent.getByText('管理员').waitFor();
    await page.getByText('回复已发送').waitFor();
    await expect.poll(() => box.inputValue()).toBe('');
  });

  step('adds an internal note that is marked internal', async () => {
    const note = `已与清算通道确认到账，银行回单已归档。（回归测试 ${Date.now()}）`;
    await page.getByRole('tab', { name: '内部备注' }).click();
    await page.getByRole('textbox', { name: '内部备注' }).fill(note);
    await page.getByRole('button', { name: '添加备注' }).click();

    const added = page.getByRole('article', { name: '内部备注' }).filter({ hasText: note });
    await added.waitFor();
    await added.getByText('仅内部可见').waitFor();
    await expect.poll(() => page.getByRole('article', { name: '内部备注' }).count()).toBe(2);
  });

  step('changes the status to one the status table allows and shows what the customer sees', async () => {
    await page.getByRole('combobox', { name: '更改状态' }).click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await options.first().waitFor();
    // From "open" the shared status table allows exactly these four.
    await expect
      .poll(() => options.allTextContents())
      .toEqual([
        expect.stringContaining('待客户回复'),
        expect.stringContaining('待第三方'),
        expect.stringContaining('已解决'),
        expect.stringContaining('已关闭'),
      ]);
    await options.filter({ hasText: '已解决' }).click();
    await page.getByRole('button', { name: '更新状态' }).click();

    await page.getByText('状态已更新为“已解决”').waitFor();
    await page.getByText('客户看到：已解决').first().waitFor();
    await page.mouse.move(0, 0);
    // Let the success toasts fade so the screenshot shows the page itself.
    await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 8_000 }).toBe(0);
    // A viewport as tall as the page, so the sticky side navigation spans the whole shot.
    const height = Math.max(960, Math.ceil((await page.locator('#root').boundingBox())?.height ?? 0));
    await page.setViewportSize({ width: 1440, height });
    await expect.poll(async () => (await page.locator('.ant-layout-sider').boundingBox())?.height).toBe(height);
    fs.mkdirSync(path.dirname(screenshotPath), { recursive: true });
    await page.screenshot({ path: screenshotPath });
    await page.setViewportSize({ width: 1440, height: 960 });
  });

  step('shows a customer message with a card number and a code masked, the safety warning and the anti-fraud advice', async () => {
    await page.getByRole('link', { name: twoChars('工单列表') }).click();
    await page.getByText('有人冒充客服让我转账到“安全账户”').click();
    const message = page.getByRole('article', { name: '客户来信' });
    await message.filter({ hasText: '622202*********0128' }).waitFor();
    await message.getByText('已脱敏').waitFor();
    expect(await page.getByText('6222 0212 3456 7890 128').count()).toBe(0);
    expect(await page.getByText('384912').count()).toBe(0);
    const notices = page.getByRole('article', { name: '客服回复' });
    await notices.filter({ hasText: '【安全提醒】' }).waitFor();
    await notices.filter({ hasText: '【防骗提醒】' }).waitFor();
    await page.screenshot({ path: path.join(outputDir, 'console-masked.png'), fullPage: true });
    await page.goto(`${baseUrl}/tickets/${ticketNumber}`);
    await page.getByRole('heading', { name: withdrawalSubject }).waitFor();
  });

  step('rings the bell when a deadline of a ticket of mine is close, and opens the ticket from it', async () => {
    const session = await page.request.get(`${baseUrl}/api/v1/auth/session`);
    const { csrfToken, agent } = (await session.json()) as { csrfToken: string; agent: { id: string } };
    const headers = { 'x-csrf-token': csrfToken };
    const calendars = (await (await page.request.get(`${baseUrl}/api/v1/business-calendars`)).json()) as { id: string; name: string }[];
    // A policy for SMS cases whose first-response warning comes 2 seconds in (1 % of 3 minutes), so the real clock reaches it.
    const policy = await page.request.post(`${baseUrl}/api/v1/sla-policies`, {
      headers,
      data: {
        name: '端到端：短信极速响应',
        position: 0,
        channels: ['sms'],
        calendarId: calendars.find((calendar) => calendar.name === '7×24')?.id,
        firstResponse: { amount: 0.05, unit: 'calendar_hours' },
        warnAtPercent: 1,
      },
    });
    expect(policy.status()).toBe(201);
    const created = await page.request.post(`${baseUrl}/api/v1/tickets`, {
      headers,
      data: {
        subject: '短信通知：账户余额显示异常',
        channel: 'sms',
        assigneeId: agent.id,
        customer: { name: '冯磊', platformUserId: 'U90002' },
        article: { bodyText: '今天短信提示余额变动，但是 App 里余额没变。' },
      },
    });
    expect(created.status()).toBe(201);
    const { number } = (await created.json()) as { number: string };
    const bell = page.getByRole('button', { name: '通知' });
    await page.locator('.ant-badge').filter({ has: bell }).locator('.ant-badge-count').waitFor({ timeout: 30_000 });
    await bell.click();
    const item = page.getByTestId('notification-item').filter({ hasText: `工单 ${number} 的首次响应时限即将到期` });
    await item.getByText('您负责的工单').waitFor();
    await page.screenshot({ path: path.join(outputDir, 'console-notifications.png') });
    await item.click();
    await page.waitForURL(new RegExp(`/tickets/${number}$`));
    await page.getByRole('heading', { name: '短信通知：账户余额显示异常' }).waitFor();
    const clock = page.getByTestId('sla-clock-first_response');
    await clock.getByText('首次响应').waitFor();
    await clock
      .getByText(/剩余工作时间|已超时/)
      .first()
      .waitFor();
    await page.screenshot({ path: path.join(outputDir, 'console-sla.png'), fullPage: true });
    await page.getByRole('menuitem', { name: '即将超时' }).click();
    await page.waitForURL(/\/tickets\?atRisk=true$/);
    await page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '短信通知：账户余额显示异常' }).waitFor();
    await page.goto(`${baseUrl}/tickets/${ticketNumber}`);
    await page.getByRole('heading', { name: withdrawalSubject }).waitFor();
  });

  step('switches to English and back, then signs out', async () => {
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('tab', { name: 'Reply to customer' }).waitFor();
    await page.getByText('Customer sees: Resolved').first().waitFor();
    await page.getByText('中文', { exact: true }).click();
    await page.getByRole('tab', { name: '回复客户' }).waitFor();

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/login/);
    await page.getByRole('heading', { name: '登录客服工作台' }).waitFor();
  });
});
