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
