import type { Locale } from '@common/errors/error-codes';
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLocale, currentLocale, locales } from '../app/i18n';

export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <Segmented<Locale>
      size="small"
      aria-label={t('language.label')}
      value={currentLocale()}
      options={locales.map((locale) => ({ value: locale, label: t(`language.${locale}`) }))}
      onChange={(locale) => void changeLocale(locale)}
    />
  );
}
