import type { RecommendedChannel, SlaClass } from '@common/classification/problem-types';
import { listProblemTypes } from '../classification';
import type { Executor } from '../platform/db';
import { AppError } from '../platform/errors';

type Bilingual = { 'zh-CN': string; en: string };

/** Why a channel suits a customer, said the same way for every problem type that recommends it there. */
const channelReason: Record<RecommendedChannel, Bilingual> = {
  chat: { 'zh-CN': '在线客服实时对话，可一步步带您排查。', en: 'Live chat: an agent walks you through it step by step.' },
  phone: { 'zh-CN': '拨打官方客服热线，由人工立即处理。', en: 'Call the official hotline: a person handles it at once.' },
  email: {
    'zh-CN': '发送邮件，便于附上完整说明与凭证，留有书面记录。',
    en: 'Email: room for a full account and documents, with a written record.',
  },
  portal: {
    'zh-CN': '在线提交工单并上传截图，便于核对账户数据。',
    en: 'Open a ticket online with screenshots, so your account data can be checked.',
  },
  wechat: { 'zh-CN': '通过官方公众号留言，随时查看进度。', en: 'Message the official WeChat account and follow the progress there.' },
};

/**
 * The channels after the type's own recommended one (admin-editable on the
 * problem type), best first. Money at risk goes to a person by phone; data
 * that must be checked goes in writing with screenshots.
 */
const alsoSuits: Record<string, RecommendedChannel[]> = {
  login_verification: ['chat', 'phone'],
  account_frozen: ['phone', 'chat'],
  identity_verification: ['portal', 'chat'],
  balance_wrong: ['portal', 'email'],
  data_delay: ['portal', 'email'],
  deposit_withdrawal: ['portal', 'chat', 'phone'],
  transfer_failed: ['chat', 'portal'],
  fee_dispute: ['email', 'portal'],
  app_fault: ['portal', 'chat'],
  suspected_theft: ['phone'],
  fraud_report: ['phone', 'portal'],
  service_complaint: ['email', 'phone'],
  suggestion: ['portal', 'email'],
  other: ['chat', 'portal'],
};

/** Types where the customer should freeze the account at once, before anything else. */
const emergencyFreeze: Record<string, Bilingual> = {
  suspected_theft: {
    'zh-CN': '请立即拨打官方热线申请紧急冻结账户，并修改密码；切勿向任何人透露验证码。',
    en: 'Call the official hotline now to have the account frozen, and change your password; never tell anyone a verification code.',
  },
  fraud_report: {
    'zh-CN': '如已转账，请立即拨打官方热线申请紧急冻结，并拨打 96110 反诈专线或 110 报警。',
    en: 'If you already sent money, call the official hotline for an emergency freeze now, and the 96110 anti-fraud line or 110.',
  },
};

export interface ChannelRecommendation {
  problemType: string;
  name: Bilingual;
  channels: { channel: RecommendedChannel; reason: Bilingual }[];
  urgentAction: { action: 'emergency_freeze'; reason: Bilingual } | null;
  slaClass: SlaClass;
}

/**
 * How a customer with this kind of problem is best served, for the portal and
 * the widget: the type's recommended channel first, then the others that suit
 * it, each with a bilingual reason, an urgent action where money is at risk,
 * and the type's processing-time class. Errors: PROBLEM_TYPE_NOT_FOUND
 * (unknown or inactive type).
 */
export async function recommendChannels(db: Executor, code: string): Promise<ChannelRecommendation> {
  const type = (await listProblemTypes(db)).find((row) => row.code === code && row.active);
  if (!type) throw new AppError('PROBLEM_TYPE_NOT_FOUND', { code });
  const ordered = [...new Set([type.recommendedChannel, ...(alsoSuits[type.code] ?? [])])];
  const freeze = emergencyFreeze[type.code];
  return {
    problemType: type.code,
    name: { 'zh-CN': type.nameZh, en: type.nameEn },
    channels: ordered.map((channel) => ({ channel, reason: channelReason[channel] })),
    urgentAction: freeze ? { action: 'emergency_freeze', reason: freeze } : null,
    slaClass: type.slaClass,
  };
}
