import type { ChannelCheckDto } from '@common/dto/safety.dto';
import { type OfficialChannelKind, officialChannelKinds } from '@common/safety/official-channels';
import { CheckCircleOutlined, QuestionCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Card, Flex, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../app/i18n';
import { errorText } from '../../ui/error-text';
import { useCheckChannel } from './official-channel-queries';

const looks = {
  official: { type: 'success', icon: <CheckCircleOutlined /> },
  lookalike: { type: 'error', icon: <WarningOutlined /> },
  unknown: { type: 'warning', icon: <QuestionCircleOutlined /> },
} as const;

/**
 * Who is asking: an agent in the console (checking what a customer would hear)
 * or the customer on the public /check page, who gets texts addressed to them
 * and the kind picker above the input so both fit a phone's width.
 */
export type ChannelCheckAudience = 'agent' | 'customer';

const texts = {
  agent: {
    title: 'officialChannels.check.title',
    hint: 'officialChannels.check.hint',
    placeholder: 'officialChannels.check.placeholder',
    advice: 'officialChannels.check.advice',
  },
  customer: {
    title: 'publicCheck.boxTitle',
    hint: 'publicCheck.hint',
    placeholder: 'publicCheck.placeholder',
    advice: 'publicCheck.advice',
  },
} as const;

function CheckResult({ result, audience }: { result: ChannelCheckDto; audience: ChannelCheckAudience }) {
  const { t } = useTranslation();
  const look = looks[result.verdict];
  const matched = result.matched;
  return (
    <Alert
      type={look.type}
      icon={look.icon}
      showIcon
      role="status"
      data-testid="channel-check-result"
      title={<Typography.Text strong>{t(`officialChannels.check.verdict.${result.verdict}`)}</Typography.Text>}
      description={
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">
            {t('officialChannels.check.compared', { kind: t(`officialChannels.kinds.${result.kind}`), value: result.value })}
          </Typography.Text>
          {matched && (
            <Typography.Text>
              {t(result.verdict === 'official' ? 'officialChannels.check.matchedOfficial' : 'officialChannels.check.matchedImitates', {
                label: matched.label,
                value: matched.value,
              })}
            </Typography.Text>
          )}
          {result.reasons.length > 0 && (
            <div>
              <Typography.Text strong>{t('officialChannels.check.reasons')}</Typography.Text>
              <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                {result.reasons.map((reason) => (
                  <li key={reason}>{t(`officialChannels.check.reason.${reason}`)}</li>
                ))}
              </ul>
            </div>
          )}
          <div>
            <Typography.Text strong>{t(texts[audience].advice)}</Typography.Text>
            <Typography.Paragraph style={{ margin: '4px 0 0' }}>{result.advice[currentLocale()]}</Typography.Paragraph>
          </div>
        </Flex>
      }
    />
  );
}

/** Asks the public check what a customer would hear about a number, address, link, WeChat id or app. */
export function ChannelCheckBox({ audience = 'agent' }: { audience?: ChannelCheckAudience }) {
  const { t } = useTranslation();
  const text = texts[audience];
  const stacked = audience === 'customer';
  const check = useCheckChannel();
  const [kind, setKind] = useState<OfficialChannelKind | undefined>();
  const [value, setValue] = useState('');

  const run = (raw: string) => {
    const trimmed = raw.trim();
    if (trimmed) check.mutate({ value: trimmed, kind });
  };

  const kindPicker = (
    <Select<OfficialChannelKind>
      aria-label={t('officialChannels.kind')}
      placeholder={t('officialChannels.check.kindAuto')}
      allowClear
      style={{ width: stacked ? '100%' : 160 }}
      value={kind}
      onChange={setKind}
      options={officialChannelKinds.map((option) => ({ value: option, label: t(`officialChannels.kinds.${option}`) }))}
    />
  );
  const input = (
    <Input.Search
      aria-label={t(text.title)}
      placeholder={t(text.placeholder)}
      enterButton={t('officialChannels.check.submit')}
      size={stacked ? 'large' : undefined}
      maxLength={300}
      value={value}
      onChange={(event) => setValue(event.target.value)}
      onSearch={run}
      loading={check.isPending}
    />
  );

  return (
    <Card title={t(text.title)}>
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t(text.hint)}</Typography.Text>
        {stacked ? (
          <Flex vertical gap={8}>
            {kindPicker}
            {input}
          </Flex>
        ) : (
          <Space.Compact style={{ width: '100%' }}>
            {kindPicker}
            {input}
          </Space.Compact>
        )}
        {check.error && <Alert type="error" showIcon role="alert" title={errorText(check.error, currentLocale(), t)} />}
        {check.data && !check.error && <CheckResult result={check.data} audience={audience} />}
      </Flex>
    </Card>
  );
}
