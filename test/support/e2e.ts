import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, it } from 'vitest';

export const root = path.resolve(import.meta.dirname, '../..');
export const outputDir = path.join(root, 'test/output');
export const adminEmail = 'admin@huiying.local';
export const adminPassword = 'e2e-Console-Passw0rd';
const distIndex = path.join(root, 'web/dist/index.html');

/** antd puts a space between the two characters of a two-character Chinese button label. */
export const twoChars = (label: string) => new RegExp(`^${label.split('').join('\\s*')}$`);

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

export interface BrowserSession {
  /** Where the server listens, e.g. http://127.0.0.1:41234. */
  readonly baseUrl: string;
  /** The one page the steps share. */
  readonly page: Page;
}

/**
 * For one e2e file: before its tests, the real server in its own process on the
 * embedded database (demo workspace seeded, jobs running) and Debian's chromium
 * with one page; after them, both stopped and the data folder removed. The
 * returned object is filled in by beforeAll.
 */
export function useServerAndBrowser(options: { context?: BrowserContextOptions } = {}): BrowserSession {
  const session = { baseUrl: '', page: undefined as unknown as Page };
  let dataDir = '';
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (!fs.existsSync(distIndex)) {
      throw new Error('web/dist/index.html is missing: build the console first with `npm run build` (`npm test` does this for you).');
    }
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiying-e2e-'));
    const port = await freePort();
    session.baseUrl = `http://127.0.0.1:${port}`;
    // The browser tests run the product as `npm start` does: on the embedded database.
    const { DATABASE_URL: _database, REDIS_URL: _redis, ...inherited } = process.env;
    let output = '';
    server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: root,
      env: {
        ...inherited,
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: session.baseUrl,
        ADMIN_PASSWORD: adminPassword,
        LOG_LEVEL: 'warn',
        RUN_JOBS: 'true',
        SEED_DEMO: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    server.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    await waitForHealth(session.baseUrl, server, () => output, 45_000);

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
    const context = await browser.newContext({
      viewport: { width: 1440, height: 960 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      ...options.context,
    });
    context.setDefaultTimeout(10_000);
    session.page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await stopServer(server);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  return session;
}

/**
 * Steps that share one browser page: after a failure the rest would only time
 * out, so they are skipped. With `failureShot`, the page as it was when a step
 * failed is saved under test/output for the one reading the report.
 */
export function sharedPageSteps(session: BrowserSession, options: { failureShot?: string } = {}) {
  let failed = false;
  return function step(name: string, run: () => Promise<void>): void {
    it(name, async ({ skip, onTestFailed }) => {
      skip(failed, 'an earlier step failed');
      onTestFailed(() => {
        failed = true;
      });
      try {
        await run();
      } catch (error) {
        if (options.failureShot) {
          fs.mkdirSync(outputDir, { recursive: true });
          await session.page.screenshot({ path: path.join(outputDir, options.failureShot), fullPage: true }).catch(() => undefined);
        }
        throw error;
      }
    });
  };
}
