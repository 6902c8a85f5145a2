import { Type } from '@sinclair/typebox';
import { ContactPointDto } from '@common/dto/customer.dto';
import { Nullable, StringEnum, Timestamp, Uuid } from '@common/dto/primitives';
import { articleKinds, ticketChannels, ticketPriorities } from '@common/tickets/ticket-fields';
import { ticketStatuses } from '@common/tickets/ticket-status';

const Subject = Type.String({ minLength: 1, maxLength: 300 });
const Tag = Type.String({ minLength: 1, maxLength: 50, pattern: '^[^,\\s]+$' });
const Tags = Type.Array(Tag, { maxItems: 30 });
const ProblemType = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9_.-]+$' });
const BodyText = Type.String({ maxLength: 100_000 });
const BodyHtml = Type.String({ maxLength: 500_000 });
const AttachmentIds = Type.Array(Uuid, { maxItems: 20, uniqueItems: true });
const SettableStatus = StringEnum(ticketStatuses.filter((status) => status !== 'merged'));

export const TicketNumberParams = Type.Object(
  { number: Type.String({ pattern: '^[Hh][Yy][0-9]{10,14}$', maxLength: 16 }) },
  { additionalProperties: false },
);

const ArticleFields = {
  bodyText: Type.Optional(BodyText),
  bodyHtml: Type.Optional(BodyHtml),
  attachmentIds: Type.Optional(AttachmentIds),
};

export const CreateTicketBody = Type.Object(
  {
    subject: Subject,
    channel: Type.Optional(StringEnum(ticketChannels)),
    customer: Type.Union([
      Type.Object({ id: Uuid }, { additionalProperties: false }),
      Type.Object(
        {
          platformUserId: Type.Optional(Type.String({ minLength: 1, maxLength: 128, pattern: '^[^\\s]+$' })),
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          contactPoints: Type.Optional(Type.Array(ContactPointDto, { maxItems: 20 })),
        },
        { additionalProperties: false, minProperties: 1 },
      ),
    ]),
    groupId: Type.Optional(Uuid),
    assigneeId: Type.Optional(Uuid),
    priority: Type.Optional(StringEnum(ticketPriorities)),
    problemType: Type.Optional(ProblemType),
    tags: Type.Optional(Tags),
    isFormalComplaint: Type.Optional(Type.Boolean()),
    status: Type.Optional(StringEnum(['new', 'open', 'pending_customer', 'pending_third_party'] as const)),
    article: Type.Object({ kind: Type.Optional(StringEnum(articleKinds)), ...ArticleFields }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

export const UpdateTicketBody = Type.Object(
  {
    subject: Type.Optional(Subject),
    status: Type.Optional(SettableStatus),
    groupId: Type.Optional(Uuid),
    assigneeId: Type.Optional(Nullable(Uuid)),
    priority: Type.Optional(StringEnum(ticketPriorities)),
    problemType: Type.Optional(Nullable(ProblemType)),
    tags: Type.Optional(Tags),
    isFormalComplaint: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ListTicketsQuery = Type.Object(
  {
    status: Type.Optional(Type.Array(StringEnum(ticketStatuses), { maxItems: ticketStatuses.length })),
    group: Type.Optional(Uuid),
    assignee: Type.Optional(Type.Union([Type.Literal('me'), Type.Literal('none'), Uuid])),
    customer: Type.Optional(Uuid),
    channel: Type.Optional(StringEnum(ticketChannels)),
    priority: Type.Optional(StringEnum(ticketPriorities)),
    problemType: Type.Optional(ProblemType),
    tag: Type.Optional(Tag),
    formalComplaint: Type.Optional(Type.Boolean()),
    needsTriage: Type.Optional(Type.Boolean({ description: 'The triage queue: tickets whose problem type a person should set' })),
    createdFrom: Type.Optional(Timestamp),
    createdTo: Type.Optional(Timestamp),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    sort: Type.Union([Type.Literal('updated'), Type.Literal('created'), Type.Literal('escalation')], {
      default: 'updated',
      description:
        'updated / created: newest first; escalation: the next SLA warning or breach soonest first, only tickets with one coming (the at-risk queue)',
    }),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  },
  { additionalProperties: false },
);

export const CreateArticleBody = Type.Object(
  {
    kind: StringEnum(articleKinds),
    channel: Type.Optional(StringEnum(ticketChannels)),
    statusAfter: Type.Optional(SettableStatus),
    ...ArticleFields,
  },
  { additionalProperties: false },
);

export const MergeBody = Type.Object(
  { targetNumber: Type.String({ pattern: '^[Hh][Yy][0-9]{10,14}$', maxLength: 16 }) },
  { additionalProperties: false },
);

export const RevealContactPointsBody = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 200, description: 'Why the agent needs the whole values; kept in the audit chain.' }) },
  { additionalProperties: false },
);

export const AttachmentParams = Type.Object({ id: Uuid }, { additionalProperties: false });
