import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type APIRequestContext, type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const distIndex = path.join(root, 'web/dist/index.html');
const outputDir = path.join(root, 'test/output');
const adminEmail = 'admin@huiying.local';
const adminPassword = 'e2e-Check-Passw0rd';
const phone = { width: 390, height: 844 };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Polls /api/v1/health until it answers; fails early with the server's output if it exits. */
async function waitForHealth(baseUrl: string, server: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The server exited with ${server.exitCode} before it was healthy:\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/api/v1/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The server did not become healthy within ${timeoutMs} ms:\n${output()}`);
}

async function stopServer(server: ChildProcess | undefined): Promise<void> {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

describe('the public pages customers open, on a phone, without signing in', () => {
  let dataDir = '';
  let server: ChildProcess | undefined;
  let serverOutput = '';
  let browser: Browser | undefined;
  let customer: BrowserContext;
  let page: Page;
  let baseUrl = '';

  /** The admin registers channels through the API, in a request context of its own: the customer's browser never has a session. */
  async function registerOfficialChannels(request: APIRequestContext): Promise<void> {
    const login = await request.post(`${baseUrl}/api/v1/auth/login`, { data: { email: adminEmail, password: adminPassword } });
    expect(login.status(), await login.text()).toBe(200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    for (const channel of [
      { kind: 'phone', value: '400-820-1234', label: '客服热线' },
      { kind: 'website', value: 'https://www.huiying.com.cn/help', label: '官方网站' },
    ]) {
      const created = await request.post(`${baseUrl}/api/v1/official-channels`, { headers: { 'x-csrf-token': csrfToken }, data: channel });
      expect(created.status(), await created.text()).toBe(201);
    }
  }

  beforeAll(async () => {
    if (!fs.existsSync(distIndex)) {
      throw new Error('web/dist/index.html is missing: build the console first with `npm run build` (`npm test` does this for you).');
    }
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiying-e2e-check-'));
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const { DATABASE_URL: _database, REDIS_URL: _redis, ...inherited } = process.env;
    server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: root,
      env: {
        ...inherited,
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: baseUrl,
        ADMIN_PASSWORD: adminPassword,
        LOG_LEVEL: 'warn',
        RUN_JOBS: 'false',
        SEED_DEMO: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (chunk: Buffer) => {
      serverOutput += chunk.toString();
    });
    server.stderr?.on('data', (chunk: Buffer) => {
      serverOutput += chunk.toString();
    });
    await waitForHealth(baseUrl, server, () => serverOutput, 45_000);

    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const admin = await browser.newContext();
    await registerOfficialChannels(admin.request);
    await admin.close();

    customer = await browser.newContext({
      viewport: phone,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    customer.setDefaultTimeout(10_000);
    page = await customer.newPage();
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await stopServer(server);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  // The steps share one browser page; after a failure the rest would only time out, so they are skipped.
  let failed = false;
  function step(name: string, run: () => Promise<void>): void {
    it(name, async ({ skip, onTestFailed }) => {
      skip(failed, 'an earlier step failed');
      onTestFailed(() => {
        failed = true;
      });
      try {
        await run();
      } catch (error) {
        fs.mkdirSync(outputDir, { recursive: true });
        await page.screenshot({ path: path.join(outputDir, 'public-check-failure.png'), fullPage: true }).catch(() => undefined);
        throw error;
      }
    });
  }

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
    const session = await customer.request.get(`${baseUrl}/api/v1/auth/session`);
    expect(session.status()).toBe(401);
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
