import { type Static, Type } from '@sinclair/typebox';
import { recommendedChannels, slaClasses } from '../classification/problem-types';
import { ticketPriorities } from '../tickets/ticket-fields';
import { Nullable, StringEnum, Timestamp, Uuid } from './primitives';

export const ProblemTypeDto = Type.Object(
  {
    code: Type.String(),
    nameZh: Type.String(),
    nameEn: Type.String(),
    recommendedChannel: StringEnum(recommendedChannels),
    defaultGroupId: Nullable(Uuid),
    priority: StringEnum(ticketPriorities),
    slaClass: StringEnum(slaClasses),
    active: Type.Boolean(),
    updatedAt: Timestamp,
  },
  { title: 'ProblemType' },
);
export type ProblemTypeDto = Static<typeof ProblemTypeDto>;
