import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../app/api-client';
import { currentLocale } from '../app/i18n';
import { useSession } from '../app/session';
import { BrandMark } from '../ui/BrandMark';
import { errorText } from '../ui/error-text';
import { LanguageSwitch } from '../ui/LanguageSwitch';

interface Credentials {
  email: string;
  password: string;
}

/** Only same-site paths, so a crafted ?next= cannot send the agent elsewhere after sign-in. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/tickets';
}

function numberField(details: unknown, field: string): number | undefined {
  if (typeof details !== 'object' || details === null || !(field in details)) return undefined;
  const value: unknown = (details as Record<string, unknown>)[field];
  return typeof value === 'number' ? value : undefined;
}

function stringField(details: unknown, field: string): string | undefined {
  if (typeof details !== 'object' || details === null || !(field in details)) return undefined;
  const value: unknown = (details as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}

export function LoginPage() {
  const { t } = useTranslation();
  const { session, signIn } = useSession();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const [failure, setFailure] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const next = safeNext(searchParams.get('next'));

  if (session) return <Navigate to={next} replace />;

  const onFinish = async (credentials: Credentials) => {
    setSubmitting(true);
    setFailure(null);
    try {
      await signIn({ email: credentials.email.trim(), password: credentials.password });
      navigate(next, { replace: true });
    } catch (error) {
      setFailure(error);
    } finally {
      setSubmitting(false);
    }
  };

  const failureHint = () => {
    if (!isApiError(failure)) return undefined;
    const retryAfterMs = numberField(failure.details, 'retryAfterMs');
    if (failure.code === 'RATE_LIMITED' && retryAfterMs !== undefined)
      return t('login.retryIn', { seconds: Math.ceil(retryAfterMs / 1000) });
    const lockedUntil = stringField(failure.details, 'lockedUntil');
    if (failure.code === 'ACCOUNT_LOCKED' && lockedUntil) return t('login.lockedUntil', { time: dayjs(lockedUntil).format('HH:mm') });
    return undefined;
  };

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{ minHeight: '100vh', padding: 24, background: 'linear-gradient(160deg, #eaf1fb 0%, #f5f7fa 55%, #ffffff 100%)' }}
    >
      <Flex justify="flex-end" style={{ position: 'fixed', top: 16, right: 24 }}>
        <LanguageSwitch />
      </Flex>
      <Card style={{ width: 400, maxWidth: '100%', boxShadow: '0 8px 24px rgba(22, 104, 220, 0.08)' }}>
        <Flex vertical gap={20}>
          <BrandMark />
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('login.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
          </div>
          {failure !== null && (
            <Alert type="error" showIcon title={errorText(failure, currentLocale(), t)} description={failureHint()} role="alert" />
          )}
          <Form<Credentials> layout="vertical" requiredMark={false} onFinish={onFinish} autoComplete="on">
            <Form.Item name="email" label={t('login.email')} rules={[{ required: true, message: t('login.emailRequired') }]}>
              <Input
                prefix={<MailOutlined />}
                type="email"
                autoComplete="username"
                placeholder={t('login.emailPlaceholder')}
                size="large"
              />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
              {t('login.submit')}
            </Button>
          </Form>
        </Flex>
      </Card>
    </Flex>
  );
}
