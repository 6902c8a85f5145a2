import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { BusinessCalendarDto, CalendarComputationDto, CalendarDayDto, PublicHolidayYearDto } from '@common/dto/sla.dto';
import { responses } from '../platform/http';
import { actorRef, authorize } from '../platform/security';
import {
  CalendarComputeQuery,
  CalendarDateParams,
  CalendarDaysQuery,
  CalendarExceptionBody,
  CalendarParams,
  CreateCalendarBody,
  HolidayYearParams,
  PublicHolidayYearBody,
  UpdateCalendarBody,
} from './business-calendar.contract';
import { businessCalendarPolicy } from './business-calendar.policy';
import { presentBusinessCalendar, presentCalendarDay, presentPublicHolidayYear } from './business-calendar.presenter';
import {
  type CalendarWithExceptions,
  computeOnCalendar,
  createBusinessCalendar,
  daysOfCalendar,
  deleteBusinessCalendar,
  enterPublicHolidayYear,
  getBusinessCalendar,
  listBusinessCalendars,
  listPublicHolidayYears,
  loadPublicHolidays,
  setCalendarException,
  toBusinessCalendar,
  updateBusinessCalendar,
} from './business-calendar.service';
import type { Executor } from '../platform/db';

const tags = ['sla'];

export const businessCalendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.ctx;
  const present = async (executor: Executor, row: CalendarWithExceptions) =>
    presentBusinessCalendar(row, toBusinessCalendar(row, await loadPublicHolidays(executor)));

  app.get(
    '/business-calendars',
    {
      schema: {
        tags,
        summary: 'Business calendars: working days and hours, public holidays, exception days',
        response: responses({ 200: Type.Array(BusinessCalendarDto) }),
      },
    },
    async (request) => {
      authorize(request.actor, businessCalendarPolicy.read);
      return Promise.all((await listBusinessCalendars(db)).map((row) => present(db, row)));
    },
  );

  app.post(
    '/business-calendars',
    {
      schema: {
        tags,
        summary: 'Create a business calendar (admin)',
        body: CreateCalendarBody,
        response: responses({ 201: BusinessCalendarDto }, 409, 422),
      },
    },
    async (request, reply) => {
      authorize(request.actor, businessCalendarPolicy.manage);
      const { body } = request;
      const settings = {
        name: body.name,
        timeZone: body.timeZone ?? 'Asia/Shanghai',
        alwaysOpen: body.alwaysOpen ?? false,
        workingDays: body.workingDays ?? [1, 2, 3, 4, 5],
        workingHours: body.workingHours ?? [{ start: '09:00', end: '18:00' }],
        followsPublicHolidays: body.followsPublicHolidays ?? true,
      };
      const row = await db.transaction((tx) => createBusinessCalendar(tx, { settings, actor: actorRef(request.actor), now: clock.now() }));
      return reply.code(201).send(await present(db, row));
    },
  );

  app.get(
    '/business-calendars/:id',
    { schema: { tags, summary: 'One business calendar', params: CalendarParams, response: responses({ 200: BusinessCalendarDto }, 404) } },
    async (request) => {
      authorize(request.actor, businessCalendarPolicy.read);
      return present(db, await getBusinessCalendar(db, request.params.id));
    },
  );

  app.patch(
    '/business-calendars/:id',
    {
      schema: {
        tags,
        summary: 'Change a calendar’s time zone, working days or hours (admin); deadlines counted on it are recomputed',
        params: CalendarParams,
        body: UpdateCalendarBody,
        response: responses({ 200: BusinessCalendarDto }, 404, 409, 422),
      },
    },
    async (request) => {
      authorize(request.actor, businessCalendarPolicy.manage);
      const row = await db.transaction((tx) =>
        updateBusinessCalendar(tx, { id: request.params.id, changes: request.body, actor: actorRef(request.actor), now: clock.now() }),
      );
      return present(db, row);
    },
  );

  app.delete(
    '/business-calendars/:id',
    {
      schema: {
        tags,
        summary: 'Delete a calendar no SLA policy or ticket clock counts on (admin)',
        params: CalendarParams,
        response: responses({ 204: Type.Null() }, 404, 409),
      },
    },
    async (request, reply) => {
      authorize(request.actor, businessCalendarPolicy.manage);
      await db.transaction((tx) => deleteBusinessCalendar(tx, { id: request.params.id, actor: actorRef(request.actor), now: clock.now() }));
      return reply.code(204).send();
    },
  );

  app.put(
    '/business-calendars/:id/exceptions/:date',
    {
      schema: {
        tags,
        summary: 'Close the calendar on a date, or make it an extra working day (admin)',
        params: CalendarDateParams,
        body: CalendarExceptionBody,
        response: responses({ 200: BusinessCalendarDto }, 404),
      },
    },
    async (request) => {
      authorize(request.actor, businessCalendarPolicy.manage);
      const { id, date } = request.params;
      const row = await db.transaction((tx) =>
        setCalendarException(tx, { calendarId: id, date, ...request.body, actor: actorRef(request.actor), now: clock.now() }),
      );
      return present(db, row);
    },
  );

  app.delete(
    '/business-calendars/:id/exceptions/:date',
    {
      schema: {
        tags,
        summary: 'Remove a date’s exception: the day follows the calendar’s rule again (admin)',
        params: CalendarDateParams,
        response: responses({ 200: BusinessCalendarDto }, 404),
      },
    },
    async (request) => {
      authorize(request.actor, businessCalendarPolicy.manage);
      const { id, date } = request.params;
      const row = await db.transaction((tx) =>
        setCalendarException(tx, { calendarId: id, date, kind: null, actor: actorRef(request.actor), now: clock.now() }),
      );
      return present(db, row);
    },
  );

  app.get(
    '/business-calendars/:id/days',
    {
      schema: {
        tags,
        summary:
          'Each day of a date range on the calendar: working, weekend, public holiday, make-up working day, closed (at most 366 days)',
        params: CalendarParams,
        querystring: CalendarDaysQuery,
        response: responses({ 200: Type.Array(CalendarDayDto) }, 404, 422),
      },
    },
    async (request) => {
      authorize(request.actor, businessCalendarPolicy.read);
      return (await daysOfCalendar(db, { calendarId: request.params.id, ...request.query })).map(presentCalendarDay);
    },
  );

  app.get(
    '/business-calendars/:id/compute',
    {
      schema: {
        tags,
        summary: 'A deadline on the calendar: an instant plus an amount of working minutes, hours or days, or calendar hours or days',
        params: CalendarParams,
        querystring: CalendarComputeQuery,
        response: responses({ 200: CalendarComputationDto }, 404, 422),
      },
    },
    async (request) => {
      authorize(request.actor, businessCalendarPolicy.read);
      const { from, amount, unit } = request.query;
      return computeOnCalendar(db, { calendarId: request.params.id, from: new Date(from), target: { amount, unit } });
    },
  );

  app.get(
    '/public-holidays',
    {
      schema: {
        tags,
        summary: 'The years of public holidays and make-up working days known, with their notices',
        response: responses({ 200: Type.Array(PublicHolidayYearDto) }),
      },
    },
    async (request) => {
      authorize(request.actor, businessCalendarPolicy.read);
      return (await listPublicHolidayYears(db)).map(presentPublicHolidayYear);
    },
  );

  app.put(
    '/public-holidays/:year',
    {
      schema: {
        tags,
        summary: 'Enter a year’s public holidays from the State Council notice, e.g. 2027 (admin; shipped years are refused)',
        params: HolidayYearParams,
        body: PublicHolidayYearBody,
        response: responses({ 200: PublicHolidayYearDto }, 409, 422),
      },
    },
    async (request) => {
      authorize(request.actor, businessCalendarPolicy.manage);
      const year = { year: Number(request.params.year), ...request.body };
      const entered = await db.transaction((tx) => enterPublicHolidayYear(tx, { year, actor: actorRef(request.actor), now: clock.now() }));
      return presentPublicHolidayYear({ year: entered, shipped: false });
    },
  );
};
