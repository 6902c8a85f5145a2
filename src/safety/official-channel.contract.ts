import { Type } from '@sinclair/typebox';
import { officialChannelKinds } from '@common/safety/official-channels';
import { StringEnum, Uuid } from '@common/dto/primitives';

export const RegisterOfficialChannelBody = Type.Object(
  {
    kind: StringEnum(officialChannelKinds),
    value: Type.String({ minLength: 1, maxLength: 200 }),
    label: Type.String({ minLength: 1, maxLength: 100 }),
  },
  { additionalProperties: false },
);

export const OfficialChannelParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const CheckChannelQuery = Type.Object(
  {
    value: Type.String({ minLength: 1, maxLength: 300, description: 'A phone number, email address, link, WeChat id or app name' }),
    kind: Type.Optional(StringEnum(officialChannelKinds, { description: 'Guessed from the value when omitted' })),
  },
  { additionalProperties: false },
);
