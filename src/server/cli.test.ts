import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { cloneDatabase, dropDatabase } from '../../test/support/postgres-admin';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../bin/huiying.mjs');
let env: Record<string, string>;
let dataDir: string;
let dropClone = async () => {};

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiying-cli-'));
  env = { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ADMIN_PASSWORD: 'cli-test-password' };
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl) {
    const clone = await cloneDatabase(baseUrl, inject('postgresTemplate'));
    env.DATABASE_URL = clone.url;
    dropClone = () => dropDatabase(baseUrl, clone.name);
  }
});
afterAll(async () => {
  await dropClone();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function huiying(...args: string[]): Promise<{ json: unknown; code: number; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env, cwd: os.tmpdir() });
    return { json: JSON.parse(stdout), code: 0, stderr };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { json: failed.stdout ? JSON.parse(failed.stdout) : null, code: failed.code, stderr: failed.stderr };
  }
}

describe('huiying CLI', () => {
  it('migrates, seeds, creates and shows a ticket, verifies and exports the audit chain, all as JSON', async () => {
    const seeded = await huiying('seed', '--no-tickets');
    expect(seeded.json).toMatchObject({ seeded: true, adminEmail: 'admin@huiying.local', groups: 5, tickets: 0 });
    expect(seeded.json).not.toHaveProperty('generatedPassword');

    const created = await huiying(
      'ticket',
      'create',
      '--subject',
      '【提现未到账+U10086】提现没到账',
      '--body',
      '我的提现一直没到账',
      '--platform-user-id',
      'U10086',
      '--group',
      '资金清算组',
    );
    const ticket = created.json as { number: string; group: { name: string }; customer: { platformUserId: string } };
    expect(ticket.number).toMatch(/^HY\d{10}$/);
    expect(ticket.group.name).toBe('资金清算组');

    const queue = await huiying('routing', 'queue', '--group', '资金清算组');
    expect(queue.json).toEqual([
      expect.objectContaining({
        group: '资金清算组',
        waiting: 1,
        strategy: 'least_loaded',
        agents: expect.objectContaining({ online: 0 }),
      }),
    ]);

    const shown = await huiying('ticket', 'show', ticket.number);
    expect(shown.json).toMatchObject({
      ticket: { number: ticket.number },
      articles: [{ kind: 'inbound', bodyText: '我的提现一直没到账' }],
    });

    const verified = await huiying('audit', 'verify');
    expect(verified).toMatchObject({ code: 0, json: { ok: true } });

    const exported = await huiying('audit', 'export', ticket.number);
    expect(exported.json).toMatchObject({ format: 'huiying.case-record/v1', verification: { ok: true, articlesMatchingAudit: true } });
  });

  it('prints the error envelope and exits non-zero for an unknown ticket', async () => {
    const missing = await huiying('ticket', 'show', 'HY9912310001');
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stderr)).toMatchObject({ error: { code: 'TICKET_NOT_FOUND' } });
  });

  it('computes a deadline on a business calendar, and answers bad input and unknown years with coded errors', async () => {
    // The issue's promise: a case of 1–3 working days opened on Tuesday 29 September 2026 is due 9 October 18:00.
    const due = await huiying('calendar', 'add', '--from', '2026-09-29T10:00', '--working-days', '3');
    expect(due).toMatchObject({ code: 0, json: { due: '2026-10-09T10:00:00.000Z', dueLocal: '2026-10-09 18:00' } });
    const hours = await huiying('calendar', 'add', '--from', '2025-09-26T19:30:00+08:00', '--working-hours', '16');
    expect(hours.json).toMatchObject({ dueLocal: '2025-09-29 16:00', workingMinutes: 960 });
    const hotline = await huiying('calendar', 'add', '--from', '2026-09-30T23:00', '--working-hours', '4', '--calendar', '7×24');
    expect(hotline.json).toMatchObject({ dueLocal: '2026-10-01 03:00' });

    const unknownYear = await huiying('calendar', 'add', '--from', '2026-12-31T17:00', '--working-hours', '2');
    expect(unknownYear.code).not.toBe(0);
    expect(JSON.parse(unknownYear.stderr).error).toMatchObject({ code: 'HOLIDAYS_NOT_AVAILABLE', details: { year: 2027 } });
    const twoAmounts = await huiying('calendar', 'add', '--from', '2026-03-03T10:00', '--working-hours', '2', '--working-days', '1');
    expect(twoAmounts.code).toBe(2);
    expect(JSON.parse(twoAmounts.stderr).error.code).toBe('INVALID_ARGUMENT');
    const badDate = await huiying('calendar', 'add', '--from', '2026-02-30T10:00', '--working-hours', '2');
    expect(JSON.parse(badDate.stderr).error.code).toBe('INVALID_ARGUMENT');
    const unknownCalendar = await huiying('calendar', 'add', '--from', '2026-03-03T10:00', '--working-hours', '2', '--calendar', '不存在');
    expect(JSON.parse(unknownCalendar.stderr).error.code).toBe('CALENDAR_NOT_FOUND');

    const calendars = await huiying('calendar', 'list');
    expect((calendars.json as { name: string }[]).map((calendar) => calendar.name)).toEqual(
      expect.arrayContaining(['7×24', '工作日 09:00–18:00']),
    );
  });

  it('reports migrations as JSON', async () => {
    const migrated = await huiying('migrate');
    expect(migrated.json).toMatchObject({ applied: 0 });
  });

  it('exports the classifier corrections as a labelled CSV', async () => {
    const out = path.join(dataDir, 'corrections.csv');
    const exported = await huiying('classify', 'corrections', '--out', out);
    expect(exported.json).toEqual({ out, rows: 0 });
    expect(fs.readFileSync(out, 'utf8')).toBe('text,label\n');
  });

  it('signs a body as Huiying does and verifies it like a receiver: valid, altered, stale, coded errors for bad input', async () => {
    const secret = 'whsec_cli_0123456789abcdefghijkl';
    const bodyFile = path.join(dataDir, 'body.json');
    // The exact bytes are signed, the final newline too.
    const body = '{"type":"account_freeze","ticketNumber":"HY2612010001","note":"冻结"}\n';
    fs.writeFileSync(bodyFile, body);
    const expected = `v1=${createHmac('sha256', secret).update(`1764547200.${body}`).digest('hex')}`;

    const signed = await huiying('webhook', 'sign', '--secret', secret, '--timestamp', '1764547200', '--body-file', bodyFile);
    expect(signed).toMatchObject({
      code: 0,
      json: {
        timestamp: 1764547200,
        signature: expected,
        bodyBytes: Buffer.byteLength(body),
        headers: { 'X-Huiying-Timestamp': '1764547200', 'X-Huiying-Signature': expected },
      },
    });

    const verify = (...over: string[]) =>
      huiying(
        'webhook',
        'verify',
        '--secret',
        secret,
        '--timestamp',
        '1764547200',
        '--signature',
        expected,
        '--body-file',
        bodyFile,
        ...over,
      );
    expect(await verify('--now', '1764547260')).toMatchObject({ code: 0, json: { valid: true, ageSeconds: 60, toleranceSeconds: 300 } });
    expect(await verify('--now', '1764548200')).toMatchObject({ code: 1, json: { valid: false, reason: 'stale' } });
    expect(await verify('--now', '1764548200', '--tolerance', '3600')).toMatchObject({ code: 0, json: { valid: true } });
    fs.writeFileSync(bodyFile, body.trimEnd());
    expect(await verify('--now', '1764547260')).toMatchObject({ code: 1, json: { valid: false, reason: 'mismatch' } });

    for (const [args, message] of [
      [['webhook', 'sign', '--secret', secret, '--timestamp', '17e8', '--body-file', bodyFile], '--timestamp'],
      [['webhook', 'sign', '--timestamp', '1764547200', '--body-file', bodyFile], '--secret is required'],
      [['webhook', 'sign', '--secret', secret, '--body-file', path.join(dataDir, 'missing.json')], 'ENOENT'],
      [['webhook', 'verify', '--secret', secret, '--timestamp', '1764547200', '--body-file', bodyFile], '--signature is required'],
      [
        [
          'webhook',
          'verify',
          '--secret',
          secret,
          '--timestamp',
          '1764547200',
          '--signature',
          expected,
          '--body-file',
          bodyFile,
          '--tolerance',
          '-1',
        ],
        '--tolerance',
      ],
    ] as const) {
      const refused = await huiying(...args);
      expect(refused.code).toBe(2);
      expect(refused.json).toBeNull();
      const error = JSON.parse(refused.stderr).error;
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(error.message).toContain(message);
    }
  });
});
