import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, buildGroup } from '../../test/factories';
import { ApiClient } from '../../test/support/api-client';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import { listAuditEntries } from '../audit';

let test: TestApp;
let admin: ApiClient;
let agent: ApiClient;
let office: { id: string };

beforeAll(async () => {
  test = await createTestApp();
  await buildGroup(test.ctx, { name: '一线客服', isDefault: true });
  admin = new ApiClient(test.app, (await buildAgent(test, { role: 'admin' })).credentials);
  agent = new ApiClient(test.app, (await buildAgent(test, { role: 'agent' })).credentials);
  const calendars = (await admin.get('/api/v1/business-calendars')).json();
  office = calendars.find((calendar: { name: string }) => calendar.name === '工作日 09:00–18:00');
});
afterAll(() => test.close());

const holiday2027 = {
  notice: {
    title: '国务院办公厅关于2027年部分节假日安排的通知（测试用）',
    reference: '测试〔2026〕1号',
    issued: '2026-11-01',
    url: 'https://example.invalid/2027',
  },
  holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
  workdays: [{ name: '元旦', date: '2027-01-09' }],
};

describe('business calendars', () => {
  it('ship a 9–18 working-day calendar and a 7×24 one', async () => {
    const calendars = (await agent.get('/api/v1/business-calendars')).json();
    expect(calendars).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: '工作日 09:00–18:00',
          timeZone: 'Asia/Shanghai',
          workingDays: [1, 2, 3, 4, 5],
          workingHours: [{ start: '09:00', end: '18:00' }],
          followsPublicHolidays: true,
          minutesPerWorkingDay: 540,
        }),
        expect.objectContaining({ name: '7×24', alwaysOpen: true, minutesPerWorkingDay: 1440 }),
      ]),
    );
  });

  it('compute a deadline in working days over National Day, as the customer is promised', async () => {
    const response = await agent.get(
      `/api/v1/business-calendars/${office.id}/compute?from=2026-09-29T10:00:00%2B08:00&amount=3&unit=working_days`,
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ due: '2026-10-09T10:00:00.000Z', dueLocal: '2026-10-09 18:00', workingMinutes: 2100 });
  });

  it('list the days of a range with their kind: make-up Saturday, Spring Festival, weekend', async () => {
    const days = (await agent.get(`/api/v1/business-calendars/${office.id}/days?from=2026-02-13&to=2026-02-16`)).json();
    expect(days).toEqual([
      { date: '2026-02-13', kind: 'working', workingMinutes: 540 },
      { date: '2026-02-14', kind: 'makeup_workday', name: '春节', workingMinutes: 540 },
      { date: '2026-02-15', kind: 'public_holiday', name: '春节', workingMinutes: 0 },
      { date: '2026-02-16', kind: 'public_holiday', name: '春节', workingMinutes: 0 },
    ]);
  });

  it('create a calendar with a lunch break, and refuse overlapping or reversed hours and unknown zones', async () => {
    const created = await admin.post('/api/v1/business-calendars', {
      name: '后台 9:00–17:30 午休',
      workingHours: [
        { start: '13:00', end: '17:30' },
        { start: '09:00', end: '12:00' },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ minutesPerWorkingDay: 450, workingDays: [1, 2, 3, 4, 5] });
    const overlapping = await admin.post('/api/v1/business-calendars', {
      name: '重叠',
      workingHours: [
        { start: '09:00', end: '12:30' },
        { start: '12:00', end: '18:00' },
      ],
    });
    expect(overlapping.statusCode).toBe(422);
    expect(overlapping.json().error.code).toBe('CALENDAR_HOURS_INVALID');
    const reversed = await admin.post('/api/v1/business-calendars', { name: '倒置', workingHours: [{ start: '18:00', end: '09:00' }] });
    expect(reversed.json().error.code).toBe('CALENDAR_HOURS_INVALID');
    const badZone = await admin.post('/api/v1/business-calendars', { name: '时区', timeZone: 'Mars/Olympus' });
    expect(badZone.statusCode).toBe(400);
    expect(badZone.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'timeZone' } });
    const taken = await admin.post('/api/v1/business-calendars', { name: '7×24' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('CALENDAR_NAME_TAKEN');
    const negative = await admin.post('/api/v1/business-calendars', { name: '负数', workingHours: [{ start: '-1:00', end: '09:00' }] });
    expect(negative.statusCode).toBe(400);
  });

  it('take an admin’s closure and extra working day, audited, and let them go again', async () => {
    const { id } = (await admin.post('/api/v1/business-calendars', { name: '结算中心' })).json();
    const closed = await admin.put(`/api/v1/business-calendars/${id}/exceptions/2026-03-04`, { kind: 'closed', name: '系统升级' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().exceptions).toEqual([{ date: '2026-03-04', kind: 'closed', name: '系统升级' }]);
    const due = (
      await agent.get(`/api/v1/business-calendars/${id}/compute?from=2026-03-03T17:00:00%2B08:00&amount=2&unit=working_hours`)
    ).json();
    expect(due.dueLocal).toBe('2026-03-05 10:00');
    const removed = await admin.delete(`/api/v1/business-calendars/${id}/exceptions/2026-03-04`);
    expect(removed.json().exceptions).toEqual([]);
    const entries = await listAuditEntries(test.ctx.db, 'business_calendar', id);
    expect(entries.map((entry) => entry.action)).toEqual([
      'business_calendar.created',
      'business_calendar.exception_set',
      'business_calendar.exception_set',
    ]);
    expect(entries[1]?.after).toEqual({ date: '2026-03-04', kind: 'closed', name: '系统升级' });
    expect(entries[2]?.after).toEqual({ date: '2026-03-04', kind: null, name: null });
  });

  it('answer a deadline that needs an unknown year with HOLIDAYS_NOT_AVAILABLE naming it, until an admin enters the notice', async () => {
    const compute = () =>
      agent.get(`/api/v1/business-calendars/${office.id}/compute?from=2026-12-31T17:00:00%2B08:00&amount=120&unit=working_minutes`);
    const refused = await compute();
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'HOLIDAYS_NOT_AVAILABLE', details: { year: 2027 } });
    expect(refused.json().error.message['zh-CN']).toContain('国务院放假通知');

    expect((await agent.put('/api/v1/public-holidays/2027', holiday2027)).statusCode).toBe(403);
    const shipped = await admin.put('/api/v1/public-holidays/2026', holiday2027);
    expect(shipped.statusCode).toBe(409);
    expect(shipped.json().error.code).toBe('HOLIDAY_YEAR_SHIPPED');
    const wrongYear = await admin.put('/api/v1/public-holidays/2027', { ...holiday2027, workdays: [{ name: '元旦', date: '2028-01-09' }] });
    expect(wrongYear.json().error.code).toBe('VALIDATION_FAILED');
    const entered = await admin.put('/api/v1/public-holidays/2027', holiday2027);
    expect(entered.statusCode, entered.body).toBe(200);

    // 31 Dec 17:00 + 2 working hours: 1 hour that day, 1–3 January off, Monday 4 January 10:00.
    expect((await compute()).json().dueLocal).toBe('2027-01-04 10:00');
    const years = (await agent.get('/api/v1/public-holidays')).json();
    expect(years.map((year: { year: number; shipped: boolean }) => [year.year, year.shipped])).toEqual([
      [2024, true],
      [2025, true],
      [2026, true],
      [2027, false],
    ]);
    expect(years[2].notice.reference).toBe('国办发明电〔2025〕7号');
  });

  it('are changed by admins only', async () => {
    expect((await agent.post('/api/v1/business-calendars', { name: '越权' })).statusCode).toBe(403);
    expect((await agent.patch(`/api/v1/business-calendars/${office.id}`, { name: '越权' })).statusCode).toBe(403);
    expect(
      (await agent.put(`/api/v1/business-calendars/${office.id}/exceptions/2026-03-04`, { kind: 'closed', name: 'x' })).statusCode,
    ).toBe(403);
  });

  it('answer an unknown calendar with 404 CALENDAR_NOT_FOUND', async () => {
    const response = await agent.get(
      '/api/v1/business-calendars/00000000-0000-4000-8000-000000000000/compute?from=2026-03-03T10:00:00Z&amount=1&unit=working_days',
    );
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('CALENDAR_NOT_FOUND');
  });
});
