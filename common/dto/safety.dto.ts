import { type Static, Type } from '@sinclair/typebox';
import { channelVerdicts, lookalikeReasons, officialChannelKinds } from '../safety/official-channels';
import { Nullable, StringEnum, Timestamp, Uuid } from './primitives';

export const OfficialChannelDto = Type.Object(
  { id: Uuid, kind: StringEnum(officialChannelKinds), value: Type.String(), label: Type.String(), createdAt: Timestamp },
  { title: 'OfficialChannel' },
);
export type OfficialChannelDto = Static<typeof OfficialChannelDto>;

export const ChannelCheckDto = Type.Object(
  {
    kind: StringEnum(officialChannelKinds),
    /** The value as compared: digits of a number, the host of an address or link. */
    value: Type.String(),
    verdict: StringEnum(channelVerdicts),
    /** The official channel it is, or the one it imitates. */
    matched: Nullable(Type.Object({ kind: StringEnum(officialChannelKinds), value: Type.String(), label: Type.String() })),
    reasons: Type.Array(StringEnum(lookalikeReasons)),
    advice: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }),
  },
  { title: 'ChannelCheck' },
);
export type ChannelCheckDto = Static<typeof ChannelCheckDto>;
