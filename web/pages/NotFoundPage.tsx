import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('errors.pageNotFound')}
      extra={
        <Link to="/tickets">
          <Button type="primary">{t('errors.backHome')}</Button>
        </Link>
      }
    />
  );
}
