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
} satisfies Record<string, Record<Locale, string>>;

export function bilingualNotice(notice: keyof typeof customerNotices): string {
  const text = customerNotices[notice];
  return `${text['zh-CN']}\n\n${text.en}`;
}
