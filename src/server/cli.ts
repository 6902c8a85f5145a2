import fs from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import type { TicketChannel, TicketPriority } from '@common/tickets/ticket-fields';
import { ticketChannels, ticketPriorities } from '@common/tickets/ticket-fields';
import { verifyAuditChains } from '../audit';
import {
  classifyText,
  correctionsAsCsv,
  defaultEvaluationPath,
  defaultModel,
  problemTypeTrainingOptions,
  evaluate,
  readLabelledCsv,
  readModelFile,
  trainModel,
  writeModelFile,
} from '../classification';
import type { ContactPointInput } from '../customers';
import { seedDemoWorkspace } from '../demo';
import { ConfigError, loadConfig } from '../platform/config';
import { runMigrations } from '../platform/db';
import { isAppError } from '../platform/errors';
import { errorEnvelope } from '../platform/http';
import { createLogger } from '../platform/logging';
import { systemActor } from '../platform/security';
import { listGroups, queueState } from '../routing';
import { computeOnCalendar, getBusinessCalendar, isLocalDate, listBusinessCalendars, localTimeToUtc } from '../sla';
import {
  createTicket,
  exportCaseRecord,
  getTicketByNumber,
  listArticles,
  nextTicketNumber,
  presentArticle,
  presentCaseRecord,
  presentTicket,
  routingTicketDesk,
  unrestricted,
} from '../tickets';
import { signPayload, verifySignature } from '../webhooks';
import { type Infrastructure, openDatabaseFor, openInfrastructure } from './context';
import { version } from './version';

/**
 * `huiying <command>`: operations an operator or a script needs, each
 * printing JSON on stdout. Errors print the API's error envelope on stderr.
 */
function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

async function withInfrastructure<T>(work: (infra: Infrastructure) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const infra = await openInfrastructure(config, { logger: createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel) });
  try {
    return await work(infra);
  } finally {
    await infra.close();
  }
}

function oneOf<T extends string>(allowed: readonly T[]) {
  return (value: string): T => {
    if (!(allowed as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}`);
    return value as T;
  };
}

const cli = new Command('huiying').version(version).description('Huiying (回应) operations; every command prints JSON');

cli
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => {
    const config = loadConfig();
    const handle = await openDatabaseFor(config);
    try {
      print({ database: handle.kind, ...(await runMigrations(handle)) });
    } finally {
      await handle.close();
    }
  });

cli
  .command('seed')
  .description('create the demo workspace (admin, groups, sample tickets) if no agent exists yet')
  .option('--no-tickets', 'only the admin and the groups')
  .action(async (options: { tickets: boolean }) => {
    await withInfrastructure(async ({ ctx }) => {
      const result = await seedDemoWorkspace(ctx.db, {
        clock: ctx.clock,
        timeZone: ctx.config.workspaceTimeZone,
        adminEmail: ctx.config.adminEmail,
        adminPassword: ctx.config.adminPassword,
        withSampleTickets: options.tickets,
      });
      print(result);
    });
  });

const audit = cli.command('audit').description('the tamper-evident case record');

audit
  .command('verify')
  .description('walk every audit chain and report the first broken link (exit code 1 if any)')
  .action(async () => {
    await withInfrastructure(async ({ ctx }) => {
      const result = await verifyAuditChains(ctx.db);
      print(result);
      if (!result.ok) process.exitCode = 1;
    });
  });

audit
  .command('export')
  .argument('<number>', 'ticket number, e.g. HY2611230001')
  .description('the complete case record of a ticket, with its audit chain and verification')
  .action(async (number: string) => {
    await withInfrastructure(async ({ ctx }) => {
      print(presentCaseRecord(await exportCaseRecord(ctx.db, { number, access: unrestricted }), ctx.clock.now()));
    });
  });

const ticket = cli.command('ticket').description('tickets');

ticket
  .command('create')
  .description('open a ticket with a first customer message')
  .requiredOption('--subject <text>', 'subject line')
  .requiredOption('--body <text>', "the customer's message")
  .option('--platform-user-id <id>', "the platform's user id of the customer")
  .option('--name <name>', 'customer name')
  .option('--email <address>', 'customer email')
  .option('--mobile <number>', 'customer mobile number')
  .option('--group <name>', 'skill group name (default group when omitted)')
  .option('--priority <priority>', ticketPriorities.join('|'), oneOf(ticketPriorities), 'normal')
  .option('--channel <channel>', ticketChannels.join('|'), oneOf(ticketChannels), 'api')
  .action(
    async (options: {
      subject: string;
      body: string;
      platformUserId?: string;
      name?: string;
      email?: string;
      mobile?: string;
      group?: string;
      priority: TicketPriority;
      channel: TicketChannel;
    }) => {
      await withInfrastructure(async ({ ctx }) => {
        const contactPoints: ContactPointInput[] = [];
        if (options.email) contactPoints.push({ kind: 'email', value: options.email });
        if (options.mobile) contactPoints.push({ kind: 'mobile', value: options.mobile });
        let groupId: string | undefined;
        if (options.group) {
          groupId = (await listGroups(ctx.db)).find((group) => group.name === options.group)?.id;
          if (!groupId) throw new InvalidArgumentError(`no skill group named ${options.group}`);
        }
        const now = ctx.clock.now();
        const number = await nextTicketNumber(ctx.db, now, ctx.config.workspaceTimeZone);
        const created = await ctx.db.transaction((tx) =>
          createTicket(tx, {
            number,
            subject: options.subject,
            channel: options.channel,
            priority: options.priority,
            groupId,
            customer: { platformUserId: options.platformUserId, name: options.name, contactPoints },
            article: { kind: 'inbound', bodyText: options.body },
            actor: systemActor('cli'),
            now,
          }),
        );
        print(presentTicket(created));
      });
    },
  );

ticket
  .command('show')
  .argument('<number>', 'ticket number')
  .description('a ticket and all its messages')
  .action(async (number: string) => {
    await withInfrastructure(async ({ ctx }) => {
      const view = await getTicketByNumber(ctx.db, { number, access: unrestricted });
      const articles = await listArticles(ctx.db, { ticketId: view.id, includeInternal: true });
      print({ ticket: presentTicket(view), articles: articles.map(presentArticle) });
    });
  });

cli
  .command('routing')
  .description('routing queues')
  .command('queue')
  .option('--group <name>', 'only this group')
  .description('each group: waiting tickets, the longest wait, agents by presence and free slots')
  .action(async (options: { group?: string }) => {
    await withInfrastructure(async ({ ctx }) => {
      const groups = (await listGroups(ctx.db)).filter((group) => options.group === undefined || group.name === options.group);
      const now = ctx.clock.now();
      const states = [];
      for (const group of groups) {
        const state = await queueState(ctx.db, routingTicketDesk, { groupId: group.id, now });
        states.push({ group: group.name, ...state, oldestWaitingSince: state.oldestWaitingSince?.toISOString() ?? null });
      }
      print(states);
    });
  });

// A bare word naming a subcommand (eval, train) runs that subcommand; to classify such a word itself, pass it with --text.
const classify = cli
  .command('classify')
  .argument('[text]', 'the message to classify')
  .option('--text <text>', 'the message, when it is literally "eval" or "train"')
  .description('the problem type of a message with the default model (type, confidence, top-3 alternatives, safety rule)')
  .helpCommand(false)
  .action((text: string | undefined, options: { text?: string }) => {
    if (text !== undefined && options.text !== undefined)
      throw new InvalidArgumentError('give the message either as the argument or with --text');
    const message = (options.text ?? text ?? '').trim();
    if (!message) throw new InvalidArgumentError('the message to classify is empty');
    print(classifyText(defaultModel(), message));
  });

classify
  .command('eval')
  .description('accuracy, macro-F1, per-type precision/recall/F1 and the confusion matrix on a labelled CSV')
  .option('--model <file>', 'a model written by `classify train` (default: the built-in model)')
  .option('--data <csv>', 'labelled messages, header text,label', defaultEvaluationPath)
  .action((options: { model?: string; data: string }) => {
    const model = options.model ? readModelFile(options.model) : defaultModel();
    print({ model: options.model ?? 'default', data: options.data, ...evaluate(model, readLabelledCsv(options.data)) });
  });

classify
  .command('train')
  .description('train a model on a labelled CSV and write it as JSON')
  .requiredOption('--data <csv>', 'labelled messages, header text,label (or text,category)')
  .requiredOption('--out <file>', 'where to write the model JSON')
  .option('--generic', "the generic training options (chosen on BANKING77) instead of those tuned for Huiying's problem types")
  .action((options: { data: string; out: string; generic?: boolean }) => {
    const started = performance.now();
    const examples = readLabelledCsv(options.data);
    const model = trainModel(examples, options.generic ? {} : problemTypeTrainingOptions);
    writeModelFile(options.out, model);
    print({
      out: options.out,
      examples: examples.length,
      labels: model.labels,
      vocabularySize: model.vocabulary.length,
      seconds: Math.round((performance.now() - started) / 10) / 100,
    });
  });

classify
  .command('corrections')
  .description("agents' corrections of the classifier as a labelled CSV (text,label) to add to the training data")
  .requiredOption('--out <file>', 'where to write the CSV')
  .action(async (options: { out: string }) => {
    await withInfrastructure(async ({ ctx }) => {
      const { csv, rows } = await correctionsAsCsv(ctx.db);
      fs.writeFileSync(options.out, csv);
      print({ out: options.out, rows });
    });
  });

// Options are read as text and checked in the action, so bad input ends in the JSON INVALID_ARGUMENT
// error below rather than commander's own message.
function seconds(value: string, flag: string): number {
  if (!/^\d{1,12}$/.test(value)) throw new InvalidArgumentError(`${flag} must be whole seconds (digits only)`);
  return Number(value);
}

function required<T>(value: T | undefined, flag: string): T {
  if (value === undefined || value === '') throw new InvalidArgumentError(`${flag} is required`);
  return value;
}

/** The body exactly as it is in the file (or on stdin for "-"): every byte, a final newline too, is signed. */
function readBody(file: string): string {
  try {
    return fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    throw new InvalidArgumentError(`cannot read --body-file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
}

const DEFAULT_CALENDAR = '工作日 09:00–18:00';
const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** An ISO instant; without an offset it is wall-clock time in the calendar's zone. */
function instantIn(value: string, timeZone: string): Date {
  const wall = WALL_CLOCK.exec(value);
  if (wall) {
    const [, date, hours, minutes, secs] = wall as unknown as [string, string, string, string, string | undefined];
    if (!isLocalDate(date)) throw new InvalidArgumentError(`--from ${value} is not a real date`);
    return new Date(localTimeToUtc(date, Number(hours) * 60 + Number(minutes), timeZone) + Number(secs ?? 0) * 1000);
  }
  const instant = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(instant.getTime()))
    throw new InvalidArgumentError(`--from must be an ISO date-time, got ${value}`);
  return instant;
}

function amount(value: string | undefined, flag: string, options: { fraction?: boolean } = {}): number | undefined {
  if (value === undefined) return undefined;
  if (!(options.fraction ? /^\d{1,7}(\.\d{1,4})?$/ : /^\d{1,7}$/).test(value))
    throw new InvalidArgumentError(`${flag} must be a non-negative ${options.fraction ? 'number' : 'whole number'}`);
  return Number(value);
}

const calendar = cli
  .command('calendar')
  .description('business calendars: working time on the Chinese calendar (holidays and make-up days)');

calendar
  .command('add')
  .description('a deadline: --from plus working hours, working minutes, working days or calendar days (exactly one)')
  .option('--from <iso>', "start; without an offset it is wall-clock time in the calendar's zone")
  .option('--working-hours <n>', 'working hours to add (decimals allowed)')
  .option('--working-minutes <n>', 'working minutes to add')
  .option('--working-days <n>', "to the close of the n-th working day after the start's day")
  .option('--calendar-days <n>', 'calendar days to add, holidays included')
  .option('--calendar <id-or-name>', `the calendar (default: ${DEFAULT_CALENDAR})`)
  .action(
    async (options: {
      from?: string;
      workingHours?: string;
      workingMinutes?: string;
      workingDays?: string;
      calendarDays?: string;
      calendar?: string;
    }) => {
      const from = required(options.from, '--from');
      const hours = amount(options.workingHours, '--working-hours', { fraction: true });
      const minutes = amount(options.workingMinutes, '--working-minutes');
      const workingDays = amount(options.workingDays, '--working-days');
      const calendarDays = amount(options.calendarDays, '--calendar-days');
      if ([hours, minutes, workingDays, calendarDays].filter((value) => value !== undefined).length !== 1)
        throw new InvalidArgumentError('give exactly one of --working-hours, --working-minutes, --working-days, --calendar-days');
      await withInfrastructure(async ({ ctx }) => {
        const row = await getBusinessCalendar(ctx.db, options.calendar ?? DEFAULT_CALENDAR);
        const target =
          hours !== undefined
            ? { amount: hours, unit: 'working_hours' as const }
            : minutes !== undefined
              ? { amount: minutes, unit: 'working_minutes' as const }
              : workingDays !== undefined
                ? { amount: workingDays, unit: 'working_days' as const }
                : { amount: calendarDays as number, unit: 'calendar_days' as const };
        print(await computeOnCalendar(ctx.db, { calendarId: row.id, from: instantIn(from, row.timeZone), target }));
      });
    },
  );

calendar
  .command('list')
  .description('the business calendars with their working days, hours and exception days')
  .action(async () => {
    await withInfrastructure(async ({ ctx }) => {
      print(
        (await listBusinessCalendars(ctx.db)).map(
          ({ id, name, timeZone, alwaysOpen, workingDays, workingHours, followsPublicHolidays, exceptions }) => ({
            id,
            name,
            timeZone,
            alwaysOpen,
            workingDays,
            workingHours,
            followsPublicHolidays,
            exceptions: exceptions.map(({ date, kind, name: exceptionName }) => ({ date, kind, name: exceptionName })),
          }),
        ),
      );
    });
  });

const webhook = cli
  .command('webhook')
  .description('check a receiver of Huiying\'s signed webhooks: HMAC-SHA256(secret, timestamp + "." + body)');

webhook
  .command('sign')
  .description('the X-Huiying-Signature and X-Huiying-Timestamp headers Huiying would send for this body')
  .option('--secret <secret>', "the endpoint's signing secret")
  .option('--timestamp <unix-seconds>', 'the X-Huiying-Timestamp value (default: now)')
  .option('--body-file <file>', 'the raw request body, byte for byte ("-" for stdin)')
  .action((options: { secret?: string; timestamp?: string; bodyFile?: string }) => {
    const secret = required(options.secret, '--secret');
    const timestamp = options.timestamp === undefined ? Math.floor(Date.now() / 1000) : seconds(options.timestamp, '--timestamp');
    const body = readBody(required(options.bodyFile, '--body-file'));
    const signature = signPayload(secret, timestamp, body);
    print({
      timestamp,
      signature,
      bodyBytes: Buffer.byteLength(body),
      headers: { 'X-Huiying-Timestamp': String(timestamp), 'X-Huiying-Signature': signature },
    });
  });

webhook
  .command('verify')
  .description('check a received signature the way a receiver must (exit code 1 if it is not valid)')
  .option('--secret <secret>', "the endpoint's signing secret")
  .option('--timestamp <unix-seconds>', 'the X-Huiying-Timestamp header received')
  .option('--signature <v1=hex>', 'the X-Huiying-Signature header received')
  .option('--body-file <file>', 'the raw request body received, byte for byte ("-" for stdin)')
  .option('--tolerance <seconds>', 'how far the timestamp may be from now', '300')
  .option('--now <unix-seconds>', 'judge staleness as of this time (default: now), e.g. for a captured request')
  .action((options: { secret?: string; timestamp?: string; signature?: string; bodyFile?: string; tolerance: string; now?: string }) => {
    const secret = required(options.secret, '--secret');
    const timestamp = seconds(required(options.timestamp, '--timestamp'), '--timestamp');
    const signature = required(options.signature, '--signature');
    const tolerance = seconds(options.tolerance, '--tolerance');
    const nowMs = options.now === undefined ? Date.now() : seconds(options.now, '--now') * 1000;
    const body = readBody(required(options.bodyFile, '--body-file'));
    const check = verifySignature({ secret, timestamp: String(timestamp), signature, body, nowMs, toleranceSeconds: tolerance });
    print({ ...check, timestamp, ageSeconds: Math.round(nowMs / 1000 - timestamp), toleranceSeconds: tolerance });
    if (!check.valid) process.exitCode = 1;
  });

cli.parseAsync(process.argv).catch((error: unknown) => {
  if (isAppError(error)) {
    process.stderr.write(`${JSON.stringify(errorEnvelope(error.code, error.details))}\n`);
    process.exitCode = 2;
  } else if (error instanceof ConfigError || error instanceof InvalidArgumentError) {
    process.stderr.write(`${JSON.stringify({ error: { code: 'INVALID_ARGUMENT', message: error.message } })}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(
      `${JSON.stringify({ error: { code: 'INTERNAL_ERROR', message: error instanceof Error ? error.message : String(error) } })}\n`,
    );
    process.exitCode = 1;
  }
});
