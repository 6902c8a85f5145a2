import { wordlist as englishWords } from '@scure/bip39/wordlists/english.js';
import { wordlist as chineseWords } from '@scure/bip39/wordlists/simplified-chinese.js';
import type { SensitiveKind } from '@common/safety/sensitive-kinds';
import { isResidentIdNumber, passesLuhn } from './check-digits';

export interface MaskingResult {
  text: string;
  /** The kinds found, each once, in the order of their first appearance. */
  found: SensitiveKind[];
}

interface Span {
  start: number;
  end: number;
  kind: SensitiveKind;
  replacement: string;
}

const SECRET = '******';
const english = new Set(englishWords);
const chinese = new Set(chineseWords);

/**
 * A copy of the text with full-width ASCII (１３８, ＡＢＣ, ：) and the
 * ideographic space turned into their ASCII forms, one UTF-16 unit for one,
 * so a match in the copy is a match at the same place in the original.
 */
function scanForm(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += text[i];
  }
  return out;
}

// Keyword, then an optional "is"/colon, then the secret. Chinese keywords take any ASCII token after them
// (Chinese users do not follow 密码 with an English word); English ones only a token with a digit or symbol,
// or one after ':' / '=', so "password is wrong" stays readable.
const PASSWORD_ZH = /(交易密码|支付密码|登录密码|资金密码|密码|口令|pin码)(\s*(?:是|为|:|=)?\s*)([\x21-\x2b\x2d-\x3a\x3c-\x7e]{4,64})/giu;
const PASSWORD_EN = /\b(password|passcode|passwd|pwd|pin)(\s*(:|=|is)?\s*)([\x21-\x2b\x2d-\x3a\x3c-\x7e]{4,64})/giu;
const CODE =
  /(验证码|校验码|动态码|动态密码|短信码|激活码|\botp\b|verification code|security code|sms code)(\s*(?:是|为|:|=|is)?\s*)(\d{4,8})(?!\d)/giu;
const HEX_KEY = /(私钥|密钥|private\s*key|privkey|secret\s*key)([^0-9a-fA-F]{0,12})((?:0x)?[0-9a-fA-F]{64})(?![0-9a-fA-F])/giu;
const BASE58_KEY =
  /(?<![1-9A-HJ-NP-Za-km-z])(?:[5KL][1-9A-HJ-NP-Za-km-z]{50,51}|xprv[1-9A-HJ-NP-Za-km-z]{100,112})(?![1-9A-HJ-NP-Za-km-z])/gu;
const ID_NUMBER = /(?<!\d)\d{17}[\dXx](?!\d)/gu;
const DIGIT_RUN = /\d+(?:[ -]\d+)*/gu;

function contextSpans(
  scan: string,
  pattern: RegExp,
  kind: SensitiveKind,
  accept: (match: RegExpExecArray) => boolean = () => true,
): Span[] {
  const spans: Span[] = [];
  for (const match of scan.matchAll(pattern)) {
    const secret = match[match.length - 1] as string;
    // Already masked (a masked text checked again) is not a secret.
    if (/^\**$/.test(secret) || !accept(match)) continue;
    const end = (match.index ?? 0) + match[0].length;
    spans.push({ start: end - secret.length, end, kind, replacement: kind === 'verification_code' ? '*'.repeat(secret.length) : SECRET });
  }
  return spans;
}

function englishPasswordSpans(scan: string): Span[] {
  return contextSpans(scan, PASSWORD_EN, 'password', (match) => {
    const separator = match[3]?.toLowerCase();
    return separator === ':' || separator === '=' || /[^A-Za-z]/.test(match[4] as string);
  });
}

function patternSpans(scan: string, pattern: RegExp, kind: SensitiveKind, replace: (found: string) => string): Span[] {
  return [...scan.matchAll(pattern)].map((match) => ({
    start: match.index ?? 0,
    end: (match.index ?? 0) + match[0].length,
    kind,
    replacement: replace(match[0]),
  }));
}

/** Resident ID numbers whose check character is right: an 18-digit order number is left alone. */
function idNumberSpans(scan: string): Span[] {
  return patternSpans(scan, ID_NUMBER, 'id_number', (value) => `${value[0]}${'*'.repeat(16)}${value[17]}`).filter((span) =>
    isResidentIdNumber(scan.slice(span.start, span.end)),
  );
}

/** Words of a mnemonic phrase: 12 or more list words in a row, separated only by blanks, commas or numbering. */
function mnemonicSpans(scan: string): Span[] {
  const spans: Span[] = [];
  const collect = (pattern: RegExp, isWord: (word: string) => boolean, gap: RegExp) => {
    let run: RegExpExecArray[] = [];
    const flush = () => {
      if (run.length >= 12) {
        for (const word of run) spans.push({ start: word.index, end: word.index + word[0].length, kind: 'mnemonic', replacement: '****' });
      }
      run = [];
    };
    let previousEnd = -1;
    for (const match of scan.matchAll(pattern)) {
      const listed = isWord(match[0].toLowerCase());
      if (!listed || (run.length > 0 && !gap.test(scan.slice(previousEnd, match.index)))) flush();
      if (listed) run.push(match);
      previousEnd = match.index + match[0].length;
    }
    flush();
  };
  collect(/[A-Za-z]+/g, (word) => english.has(word), /^[\s,.;:\d]*$/);
  // Unspaced Chinese text would match: the list holds the 2,048 commonest characters.
  collect(/[\u4e00-\u9fff]/g, (word) => chinese.has(word), /^[\s,，、\d.]+$/);
  return spans;
}

function maskCard(digits: string): string {
  return `${digits.slice(0, 6)}${'*'.repeat(digits.length - 10)}${digits.slice(-4)}`;
}

function maskMobile(digits: string): string {
  const local = digits.slice(-11);
  return `${digits.slice(0, -11)}${local.slice(0, 3)}****${local.slice(-4)}`;
}

// A +86 mobile is 13 digits and may pass Luhn by chance; no card number starts like one.
function kindOfNumber(digits: string): 'bank_card' | 'mobile' | undefined {
  if (/^(?:86|0086)?1[3-9]\d{9}$/.test(digits)) return 'mobile';
  return digits.length >= 13 && passesLuhn(digits) ? 'bank_card' : undefined;
}

/**
 * Bank cards and mobiles inside runs of digit groups ("6222 0212 3456 7890 123",
 * "138-0013-8000"): each stretch of consecutive groups is tried, longest first,
 * so a card followed by an amount ("6222…123 500") is still found.
 */
function digitRunSpans(scan: string): Span[] {
  const spans: Span[] = [];
  for (const run of scan.matchAll(DIGIT_RUN)) {
    const groups = [...run[0].matchAll(/\d+/g)].map((group) => ({ start: (run.index ?? 0) + group.index, digits: group[0] }));
    let i = 0;
    while (i < groups.length) {
      // Only stretches of at most 19 digits can be a card or a mobile, which keeps a long run linear.
      const stretches: { end: number; digits: string }[] = [];
      let joined = '';
      for (let j = i; j < groups.length && joined.length + (groups[j] as { digits: string }).digits.length <= 19; j++) {
        joined += (groups[j] as { digits: string }).digits;
        stretches.push({ end: j, digits: joined });
      }
      const found = stretches.reverse().find(({ digits }) => kindOfNumber(digits) !== undefined);
      if (!found) {
        i++;
        continue;
      }
      const kind = kindOfNumber(found.digits) as 'bank_card' | 'mobile';
      const last = groups[found.end] as { start: number; digits: string };
      spans.push({
        start: (groups[i] as { start: number }).start,
        end: last.start + last.digits.length,
        kind,
        replacement: kind === 'bank_card' ? maskCard(found.digits) : maskMobile(found.digits),
      });
      i = found.end + 1;
    }
  }
  return spans;
}

/**
 * Masks what a customer must never have to send and staff must never see in
 * full: bank card numbers (Luhn-valid, 13–19 digits: first 6 and last 4
 * kept), resident ID numbers (valid GB 11643 check character: first and last
 * kept), mainland mobiles (3 + 4 kept), and — by their context — passwords,
 * verification codes, private keys and mnemonic phrases (removed entirely).
 * Full-width digits and digits split by spaces or dashes are found too.
 */
export function maskSensitive(text: string): MaskingResult {
  const scan = scanForm(text);
  // Earlier detectors win where spans overlap: a secret's context is more specific than a bare number.
  const candidates = [
    ...mnemonicSpans(scan),
    ...contextSpans(scan, HEX_KEY, 'private_key'),
    ...patternSpans(scan, BASE58_KEY, 'private_key', () => SECRET),
    ...contextSpans(scan, PASSWORD_ZH, 'password'),
    ...englishPasswordSpans(scan),
    ...contextSpans(scan, CODE, 'verification_code'),
    ...idNumberSpans(scan),
    ...digitRunSpans(scan),
  ];
  const chosen: Span[] = [];
  const covered = new Uint8Array(scan.length);
  for (const span of candidates) {
    if (covered.subarray(span.start, span.end).includes(1)) continue;
    covered.fill(1, span.start, span.end);
    chosen.push(span);
  }
  chosen.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const span of chosen) {
    out += text.slice(at, span.start) + span.replacement;
    at = span.end;
  }
  out += text.slice(at);
  return { text: out, found: [...new Set(chosen.map((span) => span.kind))] };
}
