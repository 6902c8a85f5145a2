import type { ErrorCode, Locale } from '../errors/error-codes';
import { errorMessagesEn } from './error-messages.en';
import { errorMessagesZhCN } from './error-messages.zh-CN';

export function errorMessage(code: ErrorCode): Record<Locale, string> {
  return { 'zh-CN': errorMessagesZhCN[code], en: errorMessagesEn[code] };
}
