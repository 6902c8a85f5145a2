import { App } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../app/i18n';
import { errorText } from './error-text';

/** Shows a failed call as an antd message in the agent's language. */
export function useErrorNotice(): (error: unknown) => void {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useCallback((error: unknown) => void message.error(errorText(error, currentLocale(), t)), [message, t]);
}
