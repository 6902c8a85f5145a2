import type { Locale } from '@common/errors/error-codes';
import type { TFunction } from 'i18next';
import { isApiError } from '../app/api-client';

/** The message to show for a failed call: the server's text in the current language, or a local fallback. */
export function errorText(error: unknown, locale: Locale, t: TFunction): string {
  if (isApiError(error)) {
    if (error.messages) return error.messages[locale];
    if (error.code === 'NETWORK_ERROR') return t('errors.network');
  }
  return t('errors.unexpected');
}
