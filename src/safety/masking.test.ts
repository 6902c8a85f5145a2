import { wordlist } from '@scure/bip39/wordlists/english.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identityCheckChar, isResidentIdNumber, passesLuhn } from './check-digits';
import { maskSensitive } from './masking';

const digit = fc.integer({ min: 0, max: 9 }).map(String);
const digits = (min: number, max: number) => fc.array(digit, { minLength: min, maxLength: max }).map((list) => list.join(''));

/** A Luhn-valid card number of 13–19 digits. */
const cardNumber = digits(12, 18).map((body) => {
  for (let check = 0; check < 10; check++) if (passesLuhn(`${body}${check}`)) return `${body}${check}`;
  throw new Error('unreachable');
});

const idNumber = fc
  .tuple(digits(6, 6), fc.date({ min: new Date('1930-01-01'), max: new Date('2010-12-31'), noInvalidDate: true }), digits(3, 3))
  .map(([area, birth, order]) => {
    const first17 = `${area}${birth.toISOString().slice(0, 10).replace(/-/g, '')}${order}`;
    return `${first17}${identityCheckChar(first17)}`;
  });

const mobile = fc.tuple(fc.constantFrom('3', '5', '7', '8', '9'), digits(9, 9)).map(([second, rest]) => `1${second}${rest}`);

/** Text around a number: Chinese, Latin, punctuation and emoji, but no digits to run into it. */
const context = fc
  .array(fc.constantFrom('我', '的', '卡', '号', '是', '提现', '没到账', 'card', ' ', '，', '：', '。', '!', '😀', '\n', 'ＡＢ', '-'), {
    maxLength: 12,
  })
  .map((parts) => parts.join(''));

const toFullWidth = (text: string) => text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

/** How a customer might type a number: as is, in groups of four with spaces or dashes, or in full-width digits. */
const typed = (value: string) =>
  fc.constantFrom('plain', 'spaces', 'dashes', 'fullwidth').map((style) => {
    if (style === 'spaces') return value.replace(/(.{4})(?=.)/g, '$1 ');
    if (style === 'dashes') return value.replace(/(.{4})(?=.)/g, '$1-');
    return style === 'fullwidth' ? toFullWidth(value) : value;
  });

/** The digits of a text as one string, full-width folded and group separators dropped, to search for a number in it. */
const digitsOf = (text: string) =>
  text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/(?<=\d)[ -](?=\d)/g, '');

describe('masking sensitive data', () => {
  it('leaves no Luhn-valid card number, however it is typed', () => {
    fc.assert(
      fc.property(
        cardNumber.chain((card) => fc.tuple(fc.constant(card), typed(card), context, context)),
        ([card, written, before, after]) => {
          const masked = maskSensitive(`${before}${written}${after}`);
          expect(digitsOf(masked.text)).not.toContain(card);
          // A few generated numbers are also valid ID numbers or +86 mobiles; those are masked as such.
          if (!isResidentIdNumber(card) && !/^(?:86|0086)1[3-9]\d{9}$/.test(card)) {
            expect(masked.found).toContain('bank_card');
            expect(masked.text).toContain(`${card.slice(0, 6)}${'*'.repeat(card.length - 10)}${card.slice(-4)}`);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('leaves no resident ID number with a valid check character, showing only its first and last character', () => {
    fc.assert(
      fc.property(fc.tuple(idNumber, context, context), ([id, before, after]) => {
        const masked = maskSensitive(`${before}身份证${id}${after}`);
        expect(masked.text).not.toContain(id);
        expect(masked.text).toContain(`${id[0]}${'*'.repeat(16)}${id[17]}`);
      }),
      { numRuns: 300 },
    );
  });

  it('shows a mainland mobile as 3 + 4 digits, with or without +86, spaces or dashes', () => {
    fc.assert(
      fc.property(
        mobile.chain((number) => fc.tuple(fc.constant(number), fc.constantFrom('', '+86', '+86 ', '0086'), typed(number), context)),
        ([number, prefix, written, before]) => {
          const masked = maskSensitive(`${before}${prefix}${written}。`);
          expect(digitsOf(masked.text)).not.toContain(number);
          expect(masked.text).toContain(`${number.slice(0, 3)}****${number.slice(-4)}`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('removes a password or a verification code given after its keyword, and keeps messages about them readable', () => {
    const password = fc.stringMatching(/^[A-Za-z0-9@#$%^&*!_]{6,20}$/).filter((value) => /\d/.test(value));
    fc.assert(
      fc.property(
        fc.tuple(fc.constantFrom('密码是', '登录密码：', '交易密码 ', 'password: ', 'pwd='), password, digits(4, 8)),
        ([keyword, secret, code]) => {
          const masked = maskSensitive(`${keyword}${secret}，验证码是${code}，请帮我看看`);
          expect(masked.text).not.toContain(secret);
          expect(masked.text).not.toMatch(new RegExp(`验证码是${code}`));
          expect(masked.found).toEqual(['password', 'verification_code']);
        },
      ),
    );
    for (const readable of ['登录密码错误，验证码收不到', 'my password is wrong', '验证码一直不来', '交易密码忘了怎么办']) {
      expect(maskSensitive(readable)).toEqual({ text: readable, found: [] });
    }
  });

  it('removes a 12- or 24-word mnemonic phrase and a private key given as such, but keeps a transaction hash', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(12, 24).chain((length) => fc.array(fc.constantFrom(...wordlist), { minLength: length, maxLength: length })),
        fc.constantFrom(' ', ', ', '\n'),
        (words, separator) => {
          const masked = maskSensitive(`我的助记词是 ${words.join(separator)} 钱包打不开`);
          expect(masked.found).toEqual(['mnemonic']);
          for (const word of new Set(words)) expect(masked.text).not.toMatch(new RegExp(`\\b${word}\\b`));
        },
      ),
      { numRuns: 100 },
    );
    const hex = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
    expect(maskSensitive(`私钥：0x${hex}`).text).not.toContain(hex);
    expect(maskSensitive(`交易哈希 0x${hex} 一直没确认`).found).toEqual([]);
  });

  it('masks what it masked the same way again, and leaves text without numbers or secrets untouched', () => {
    fc.assert(
      fc.property(fc.tuple(cardNumber, mobile, context), ([card, number, text]) => {
        const once = maskSensitive(`${text}${card}，${number}，密码是Abc12345，验证码 123456`).text;
        expect(maskSensitive(once)).toEqual({ text: once, found: [] });
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'我的提现一直没到账请尽快处理谢谢账户冻结 ab,.!?'.split('')) }), (text) => {
        expect(maskSensitive(text)).toEqual({ text, found: [] });
      }),
    );
  });

  it('keeps long reference numbers that are not card numbers', () => {
    expect(maskSensitive('流水号2026112312345678901234').found).toEqual([]);
    expect(maskSensitive('订单号 20261123000123').text).toBe('订单号 20261123000123');
  });
});
