import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Flex, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ChannelCheckBox } from '../modules/safety/ChannelCheckBox';
import { BrandMark } from '../ui/BrandMark';
import { LanguageSwitch } from '../ui/LanguageSwitch';

const noticeItems = ['noSecrets', 'noSafeAccount', 'noScreenSharing', 'cheated'] as const;

/**
 * The public anti-fraud check at /check: no sign-in and no console navigation.
 * Mobile first: one column, as wide as the phone, capped for desktops.
 */
export function CheckChannelPage() {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${t('publicCheck.title')} · ${t('app.name')}`;
  }, [t]);

  return (
    <Flex vertical gap={16} style={{ maxWidth: 560, margin: '0 auto', padding: '16px 16px 32px' }}>
      <Flex align="center" justify="space-between" gap={12} wrap>
        <BrandMark subtitle={t('publicCheck.brandSubtitle')} />
        <LanguageSwitch />
      </Flex>
      <div>
        <Typography.Title level={3} style={{ marginTop: 8, marginBottom: 8 }}>
          {t('publicCheck.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('publicCheck.intro')}
        </Typography.Paragraph>
      </div>
      <ChannelCheckBox audience="customer" />
      <Alert
        type="warning"
        showIcon
        icon={<SafetyCertificateOutlined />}
        data-testid="anti-fraud-notice"
        title={<Typography.Text strong>{t('publicCheck.notice.title')}</Typography.Text>}
        description={
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {noticeItems.map((item) => (
              <li key={item}>{t(`publicCheck.notice.${item}`)}</li>
            ))}
          </ul>
        }
      />
    </Flex>
  );
}
