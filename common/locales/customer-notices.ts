import type { Locale } from '../errors/error-codes';

/**
 * Messages Huiying itself sends to customers. The customer's language is not
 * known yet, so a notice carries Chinese first and English after it.
 */
export const customerNotices = {
  sensitiveDataMasked: {
    'zh-CN':
      '【安全提醒】为保护您的账户安全，您消息中的银行卡号、身份证号、手机号、密码、验证码等敏感信息已被自动隐藏。我们的工作人员绝不会向您索要密码、短信验证码、助记词或私钥，也不会要求您把资金转到“安全账户”。如遇可疑情况，请拨打全国反诈专线 96110。',
    en: 'Security notice: sensitive details in your message (card, ID or phone numbers, passwords, codes) were hidden automatically. Our staff will never ask for your password, SMS verification code, recovery phrase or private key, nor ask you to move money to a "safe account". If in doubt, call the national anti-fraud hotline 96110.',
  },
  fraudAdvice: {
    'zh-CN':
      '【防骗提醒】我们已收到您的举报并会尽快处理。请注意：我们的工作人员不会通过私人微信、QQ 或陌生电话联系您，不会要求您把资金转到“安全账户”，不会让您下载远程控制或屏幕共享软件，也不会要求“先交保证金才能退款”。如果您已经转账或提供了密码、验证码，请立即联系官方客服冻结账户，并拨打全国反诈专线 96110 或报警（110）。',
    en: 'Anti-fraud notice: we have received your report and will handle it promptly. Our staff never contact you through personal WeChat, QQ or unknown numbers, never ask you to move money to a "safe account", never ask you to install remote-control or screen-sharing apps, and never ask for a deposit before a refund. If you have already paid or shared a password or code, contact our official support to freeze your account at once, and call the national anti-fraud hotline 96110 or the police (110).',
  },
  /** `{link}` is replaced by the customer's signed self-service link. */
  theftSelfService: {
    'zh-CN':
      '【紧急处理】我们已将您的工单列为紧急，7×24 应急组正在处理。如需立即冻结账户以防资金继续损失，请打开以下链接，核验身份证后四位和手机号后四位后一键申请冻结（链接 {hours} 小时内有效，仅限本人使用，请勿转发）：{link}\n我们的工作人员绝不会索要您的密码或验证码。如已被骗转账，请拨打全国反诈专线 96110 或报警（110）。',
    en: 'Urgent handling: your ticket is marked urgent and our 24/7 emergency team is on it. To freeze your account at once and stop further losses, open this link, confirm the last 4 digits of your ID and of your mobile number, and request the freeze in one click (valid for {hours} hours, for you only, do not forward it): {link}\nOur staff will never ask for your password or codes. If you were tricked into paying, call the national anti-fraud hotline 96110 or the police (110).',
  },
  /** `{number}`, `{type}`, `{due}` (local time) and `{range}` (the promise of the problem type's SLA family). */
  processingPromise: {
    'zh-CN': '【已受理】您的工单 {number}（{type}）已受理，预计在 {due} 前处理完毕（{range}）。处理进度可随时凭工单号查询。',
    en: 'Received: your ticket {number} ({type}) has been received and is expected to be handled by {due} ({range}). You can follow it at any time with the ticket number.',
  },
  /** `{days}`, `{due}`: the new total of calendar days and the new decision deadline (local time). */
  complaintExtended: {
    'zh-CN':
      '【投诉处理期限延长】因{reason}，您的投诉处理期限已延长至受理之日起 {days} 日，我们将在 {due} 前作出处理决定并告知您。如对处理有异议，可向相关金融消费者权益保护机构反映。',
    en: 'Complaint deadline extended: because {reason}, the deadline for a decision on your complaint is now {days} days from its acceptance. We will decide and tell you before {due}. If you disagree with how it is handled, you may turn to the financial consumer protection authorities.',
  },
  freezeConfirmed: {
    'zh-CN': '【冻结成功】您的账户已按您的申请紧急冻结，资金暂时无法转出。我们会继续跟进并联系您核实情况；解冻需通过官方渠道办理。',
    en: 'Freeze confirmed: your account has been frozen as requested and no funds can leave it for now. We will follow up and contact you; unfreezing is done only through our official channels.',
  },
  officialChannel: {
    'zh-CN': '这是我们登记的官方渠道。即便如此，我们的工作人员也绝不会索要您的密码、验证码或助记词。',
    en: 'This is one of our registered official channels. Even so, our staff will never ask for your password, codes or recovery phrase.',
  },
  lookalikeChannel: {
    'zh-CN': '这不是我们的官方渠道，但与官方渠道非常相似，很可能是仿冒。请勿向其转账或提供任何信息；如已受骗，请拨打全国反诈专线 96110。',
    en: 'This is not one of our official channels, but it closely resembles one and is probably an impostor. Do not send money or details to it; if you have been deceived, call the national anti-fraud hotline 96110.',
  },
  unknownChannel: {
    'zh-CN': '这不在我们登记的官方渠道中。请只通过官方 App 或官网公布的渠道联系我们，勿轻信陌生来电、短信和链接。',
    en: 'This is not among our registered official channels. Contact us only through the channels listed in our official app or website, and do not trust unexpected calls, messages or links.',
  },
} satisfies Record<string, Record<Locale, string>>;

export function bilingualNotice(notice: keyof typeof customerNotices): string {
  const text = customerNotices[notice];
  return `${text['zh-CN']}\n\n${text.en}`;
}
