import { customerNotices } from '@common/locales/customer-notices';
import type { ChannelCheckDto, OfficialChannelDto } from '@common/dto/safety.dto';
import type { ChannelJudgement } from './channel-lookalike';
import type { OfficialChannelRow } from './official-channel.service';

export function presentOfficialChannel(row: OfficialChannelRow): OfficialChannelDto {
  return { id: row.id, kind: row.kind, value: row.value, label: row.label, createdAt: row.createdAt.toISOString() };
}

const advice = { official: 'officialChannel', lookalike: 'lookalikeChannel', unknown: 'unknownChannel' } as const;

export function presentChannelCheck(judgement: ChannelJudgement<OfficialChannelRow>): ChannelCheckDto {
  const { matched } = judgement;
  return {
    kind: judgement.kind,
    value: judgement.value,
    verdict: judgement.verdict,
    matched: matched ? { kind: matched.kind, value: matched.value, label: matched.label } : null,
    reasons: judgement.reasons,
    advice: customerNotices[advice[judgement.verdict]],
  };
}
