/** The kinds of contact an impostor can fake, which admins register as official. */
export const officialChannelKinds = ['phone', 'email_domain', 'website', 'wechat', 'app'] as const;
export type OfficialChannelKind = (typeof officialChannelKinds)[number];

export const channelVerdicts = ['official', 'lookalike', 'unknown'] as const;
export type ChannelVerdict = (typeof channelVerdicts)[number];

/** Why a value looks like, but is not, an official channel. */
export const lookalikeReasons = [
  'confusable_characters',
  'similar_spelling',
  'contains_official_name',
  'other_domain_ending',
  'similar_number',
  'service_number_not_registered',
] as const;
export type LookalikeReason = (typeof lookalikeReasons)[number];
