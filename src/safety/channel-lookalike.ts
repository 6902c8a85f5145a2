import { domainToASCII, domainToUnicode } from 'node:url';
import { distance } from 'fastest-levenshtein';
import type { ChannelVerdict, LookalikeReason, OfficialChannelKind } from '@common/safety/official-channels';
import { AppError } from '../platform/errors';

export interface OfficialValue {
  kind: OfficialChannelKind;
  value: string;
}

export interface ChannelJudgement<T extends OfficialValue> {
  kind: OfficialChannelKind;
  value: string;
  verdict: ChannelVerdict;
  matched?: T;
  reasons: LookalikeReason[];
}

// Characters impostors swap into a name because they look alike on a phone screen (Cyrillic and Greek
// homoglyphs, digits for letters, full-width forms are folded by NFKC before this).
const CONFUSABLE: Record<string, string> = {
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  х: 'x',
  у: 'y',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  һ: 'h',
  ӏ: 'l',
  ԛ: 'q',
  ԝ: 'w',
  α: 'a',
  ο: 'o',
  ν: 'v',
  ρ: 'p',
  τ: 't',
  κ: 'k',
  ι: 'i',
  '0': 'o',
  '1': 'l',
  '3': 'e',
  '5': 's',
  '@': 'a',
  '|': 'l',
  ı: 'i',
};

/** What a name looks like, whatever look-alike characters spell it (rn reads as m, vv as w). */
function skeleton(text: string): string {
  return [...text.normalize('NFKC').toLowerCase()]
    .map((char) => CONFUSABLE[char] ?? char)
    .join('')
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w')
    .replace(/[-_.]/g, '');
}

// Suffixes under which the registrable name is the third label from the right.
const SECOND_LEVEL = new Set(['com.cn', 'net.cn', 'org.cn', 'gov.cn', 'edu.cn', 'com.hk', 'com.tw', 'co.uk', 'com.sg']);

/** The name a domain was registered under ("huiying" of kefu.huiying.com.cn) and its ending. */
function registrable(host: string): { name: string; ending: string } {
  const labels = host.split('.');
  const lastTwo = labels.slice(-2).join('.');
  const endingLabels = SECOND_LEVEL.has(lastTwo) ? 2 : 1;
  return { name: labels[labels.length - endingLabels - 1] ?? host, ending: labels.slice(-endingLabels).join('.') };
}

/**
 * The stored form of a value: digits of a phone number (without +86), the
 * ASCII (punycode) host of a domain or website without "www.", a WeChat id
 * or app name folded to lower case. Errors: VALIDATION_FAILED.
 */
export function normalizeChannelValue(kind: OfficialChannelKind, raw: string): string {
  const value = raw.normalize('NFKC').trim();
  const invalid = () => new AppError('VALIDATION_FAILED', { field: 'value', kind, reason: 'not a valid value of this kind' });
  switch (kind) {
    case 'phone': {
      const digits = value.replace(/[\s\-()+]/g, '');
      if (!/^\d{5,15}$/.test(digits)) throw invalid();
      // +86 dropped before a mobile or a 400/800 number, which is how they are dialled at home.
      return digits.replace(/^(?:0086|86)(?=1\d{10}$|[48]00\d{7}$)/, '');
    }
    case 'email_domain':
    case 'website': {
      const host = hostOf(value.includes('@') ? value.slice(value.lastIndexOf('@') + 1) : value);
      if (!host) throw invalid();
      return host;
    }
    case 'wechat':
    case 'app':
      if (value === '' || value.length > 100) throw invalid();
      return value.toLowerCase();
  }
}

function hostOf(value: string): string | undefined {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`);
    const host = domainToASCII(url.hostname.toLowerCase()).replace(/^www\./, '');
    return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) ? host : undefined;
  } catch {
    return undefined;
  }
}

/** Which kind of channel a customer most likely pasted: an address, a link, a number, else a WeChat id. */
export function guessChannelKind(raw: string): OfficialChannelKind {
  const value = raw.normalize('NFKC').trim();
  if (/^[^\s@]+@[^\s@]+$/.test(value)) return 'email_domain';
  if (/^[\d\s\-()+]{5,}$/.test(value)) return 'phone';
  if (/^(https?:\/\/)?[^\s/]+\.[a-z\u00a1-\uffff-]{2,}(\/\S*)?$/i.test(value)) return 'website';
  return 'wechat';
}

function judgeHost<T extends OfficialValue>(
  host: string,
  officials: readonly T[],
): Pick<ChannelJudgement<T>, 'verdict' | 'matched' | 'reasons'> {
  const exact = officials.find((official) => host === official.value || host.endsWith(`.${official.value}`));
  if (exact) return { verdict: 'official', matched: exact, reasons: [] };
  const seen = registrable(domainToUnicode(host));
  for (const official of officials) {
    const real = registrable(domainToUnicode(official.value));
    const reasons: LookalikeReason[] = [];
    if (seen.name === real.name) reasons.push('other_domain_ending');
    else if (skeleton(seen.name) === skeleton(real.name)) reasons.push('confusable_characters');
    else if (real.name.length >= 4 && distance(seen.name, real.name) <= 2) reasons.push('similar_spelling');
    else if (real.name.length >= 4 && skeleton(seen.name).includes(skeleton(real.name))) reasons.push('contains_official_name');
    if (reasons.length > 0) return { verdict: 'lookalike', matched: official, reasons };
  }
  return { verdict: 'unknown', reasons: [] };
}

function judgeName<T extends OfficialValue>(
  name: string,
  officials: readonly T[],
): Pick<ChannelJudgement<T>, 'verdict' | 'matched' | 'reasons'> {
  const exact = officials.find((official) => official.value === name);
  if (exact) return { verdict: 'official', matched: exact, reasons: [] };
  for (const official of officials) {
    if (skeleton(name) === skeleton(official.value)) return { verdict: 'lookalike', matched: official, reasons: ['confusable_characters'] };
    if (official.value.length >= 4 && distance(name, official.value) <= 2)
      return { verdict: 'lookalike', matched: official, reasons: ['similar_spelling'] };
    if (official.value.length >= 4 && skeleton(name).includes(skeleton(official.value))) {
      return { verdict: 'lookalike', matched: official, reasons: ['contains_official_name'] };
    }
  }
  return { verdict: 'unknown', reasons: [] };
}

/** Two numbers that differ only by two neighbouring digits swapped (400-820-1234 / 400-820-1243). */
function swapsTwoNeighbours(a: string, b: string): boolean {
  const differing = [...a].flatMap((char, i) => (char === b[i] ? [] : [i]));
  const [first, second] = differing;
  return differing.length === 2 && first !== undefined && second === first + 1 && a[first] === b[second] && a[second] === b[first];
}

function judgePhone<T extends OfficialValue>(
  digits: string,
  officials: readonly T[],
): Pick<ChannelJudgement<T>, 'verdict' | 'matched' | 'reasons'> {
  const exact = officials.find((official) => official.value === digits);
  if (exact) return { verdict: 'official', matched: exact, reasons: [] };
  const near = officials.find(
    (official) =>
      official.value.length === digits.length && (distance(official.value, digits) === 1 || swapsTwoNeighbours(official.value, digits)),
  );
  if (near) return { verdict: 'lookalike', matched: near, reasons: ['similar_number'] };
  // Impostors favour numbers that look like a company's hotline: 400/800 numbers and 95xxx short codes.
  if (/^(?:400|800)\d{7}$|^95\d{3,6}$/.test(digits)) return { verdict: 'unknown', reasons: ['service_number_not_registered'] };
  return { verdict: 'unknown', reasons: [] };
}

/**
 * Whether a value is one of the official channels, looks like one without
 * being it (the impostor's trick), or is simply unknown. Email addresses are
 * judged by their domain against official email domains and websites alike.
 */
export function judgeChannel<T extends OfficialValue>(
  kind: OfficialChannelKind,
  raw: string,
  officials: readonly T[],
): ChannelJudgement<T> {
  const value = normalizeChannelValue(kind, raw);
  const ofKinds = (...kinds: OfficialChannelKind[]) => officials.filter((official) => kinds.includes(official.kind));
  const judged =
    kind === 'phone'
      ? judgePhone(value, ofKinds('phone'))
      : kind === 'email_domain' || kind === 'website'
        ? judgeHost(value, ofKinds('email_domain', 'website'))
        : judgeName(value, ofKinds(kind));
  return { kind, value, ...judged };
}
