import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import relativeTime from 'dayjs/plugin/relativeTime';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '@common/errors/error-codes';
import en from '../locales/en.json';
import zhCN from '../locales/zh-CN.json';

export const locales: readonly Locale[] = ['zh-CN', 'en'];
const storageKey = 'huiying.locale';

dayjs.extend(relativeTime);

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof zhCN };
  }
}

function isLocale(value: string | null): value is Locale {
  return value !== null && (locales as readonly string[]).includes(value);
}

function readStoredLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(storageKey);
    return isLocale(stored) ? stored : 'zh-CN';
  } catch {
    // Storage can be blocked (private mode, policy); Chinese is the default then.
    return 'zh-CN';
  }
}

function applyToPage(locale: Locale): void {
  document.documentElement.lang = locale;
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
}

export function currentLocale(): Locale {
  return isLocale(i18next.language) ? i18next.language : 'zh-CN';
}

export async function changeLocale(locale: Locale): Promise<void> {
  try {
    window.localStorage.setItem(storageKey, locale);
  } catch {
    // Not persisted; the switch still applies to this tab.
  }
  applyToPage(locale);
  await i18next.changeLanguage(locale);
}

export function initI18n(): typeof i18next {
  const locale = readStoredLocale();
  applyToPage(locale);
  void i18next.use(initReactI18next).init({
    lng: locale,
    fallbackLng: 'zh-CN',
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return i18next;
}
