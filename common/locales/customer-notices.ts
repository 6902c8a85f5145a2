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
