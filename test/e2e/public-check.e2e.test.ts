import fs from 'node:fs';
import path from 'node:path';
import { type APIRequestContext, type Page, request } from 'playwright-core';
import { beforeAll, describe, expect } from 'vitest';
import { adminEmail, adminPassword, outputDir, sharedPageSteps, useServerAndBrowser } from '../support/e2e';

const phone = { width: 390, height: 844 };

describe('the public pages customers open, on a phone, without signing in', () => {
  const session = useServerAndBrowser({ context: { viewport: phone, deviceScaleFactor: 2, isMobile: true, hasTouch: true } });
  const step = sharedPageSteps(session, { failureShot: 'public-check-failure.png' });
  let page: Page;
  let baseUrl = '';

  /** The admin registers channels through the API, in a request context of its own: the customer's browser never has a session. */
  async function registerOfficialChannels(admin: APIRequestContext): Promise<void> {
    const login = await admin.post(`${baseUrl}/api/v1/auth/login`, { data: { email: adminEmail, password: adminPassword } });
    expect(login.status(), await login.text()).toBe(200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    for (const channel of [
      { kind: 'phone', value: '400-820-1234', label: '客服热线' },
      { kind: 'website', value: 'https://www.huiying.com.cn/help', label: '官方网站' },
    ]) {
      const created = await admin.post(`${baseUrl}/api/v1/official-channels`, { headers: { 'x-csrf-token': csrfToken }, data: channel });
      expect(created.status(), await created.text()).toBe(201);
    }
  }

  beforeAll(async () => {
    ({ page, baseUrl } = session);
    const admin = await request.newContext();
    await registerOfficialChannels(admin);
    await admin.dispose();
  });

  async function shot(name: string): Promise<void> {
    fs.mkdirSync(outputDir, { recursive: true });
    await page.screenshot({ path: path.join(outputDir, name), fullPage: true });
  }

  /** Nothing on the page is wider than the phone: no sideways scrolling. */
  async function expectFitsThePhone(): Promise<void> {
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(phone.width);
  }

  const box = () => page.getByLabel('核验联系您的渠道', { exact: true });
  const result = () => page.getByTestId('channel-check-result');

  async function checkValue(value: string): Promise<void> {
    await box().fill(value);
    await box().press('Enter');
  }

  step('opens /check without a session: the page, no console navigation, no redirect to the login', async () => {
    const signedIn = await page.request.get(`${baseUrl}/api/v1/auth/session`);
    expect(signedIn.status()).toBe(401);
    await page.goto(`${baseUrl}/check`);
    await page.getByRole('heading', { name: '官方渠道核验' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/check');
    expect(await page.getByRole('menu').count()).toBe(0);
    expect(await page.getByText('退出登录').count()).toBe(0);
    const notice = page.getByTestId('anti-fraud-notice');
    await notice.getByText('防骗提示').waitFor();
    await notice.getByText(/绝不会索要您的密码、验证码或助记词/).waitFor();
    await notice.getByText(/安全账户/).waitFor();
    await notice.getByText(/屏幕共享/).waitFor();
    await notice.getByText(/96110.*110/).waitFor();
    expect(await page.title()).toContain('官方渠道核验');
    await expectFitsThePhone();
    await shot('public-check-empty.png');
  });

  step('a look-alike of the official number is flagged, with the server’s reasons and advice', async () => {
    await checkValue('400-820-1243');
    await result().getByText('仿冒嫌疑').waitFor();
    await result().getByText('号码与官方号码相近').waitFor();
    await result().getByText('疑似仿冒：客服热线（4008201234）').waitFor();
    await result().getByText('建议', { exact: true }).waitFor();
    await result().getByText(/96110/).waitFor();
    await expectFitsThePhone();
    await shot('public-check-lookalike.png');
  });

  step('the official number is confirmed', async () => {
    await checkValue('4008201234');
    await result().getByText('官方渠道', { exact: true }).waitFor();
    await result().getByText('对应官方渠道：客服热线（4008201234）').waitFor();
    await shot('public-check-official.png');
  });

  step('a link, its kind detected without choosing one, is flagged as a look-alike of the website', async () => {
    await checkValue('https://huiyimg.com.cn/login');
    await result().getByText('仿冒嫌疑').waitFor();
    await result()
      .getByText(/核验内容：网站/)
      .waitFor();
    await result().getByText('拼写与官方渠道相近').waitFor();
    await result()
      .getByText(/^疑似仿冒：官方网站（/)
      .waitFor();
    await expectFitsThePhone();
    await shot('public-check-url.png');
  });

  step('switches to English: the page, the result and the notice', async () => {
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Check an official channel' }).waitFor();
    await result().getByText('Look-alike').waitFor();
    await result().getByText('Spelled like an official channel').waitFor();
    await result().getByText('What to do').waitFor();
    const notice = page.getByTestId('anti-fraud-notice');
    await notice.getByText('Stay safe').waitFor();
    await notice.getByText(/never ask for your password, verification codes or recovery phrase/).waitFor();
    await notice.getByText(/safe account/).waitFor();
    await notice.getByText(/screen-sharing/).waitFor();
    await notice.getByText(/96110.*110/).waitFor();
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('en');
    await expectFitsThePhone();
    await shot('public-check-en.png');
    await page.getByText('中文', { exact: true }).click();
    await page.getByRole('heading', { name: '官方渠道核验' }).waitFor();
  });

  step('a self-service freeze link with a garbage token shows its bilingual error, not a blank page', async () => {
    await page.goto(`${baseUrl}/self-service/freeze/not-a-real-token-123`);
    await page.getByText('该自助链接无效，请使用我们发给您的完整链接。').waitFor();
    await page.getByText('This self-service link is not valid; use the complete link we sent you.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/self-service/freeze/not-a-real-token-123');
    await expectFitsThePhone();
    await shot('public-self-service-invalid.png');
  });
});
