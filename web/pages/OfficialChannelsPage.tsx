import type { OfficialChannelDto } from '@common/dto/safety.dto';
import { DeleteOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Popconfirm, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignedInSession } from '../app/session';
import { ChannelCheckBox } from '../modules/safety/ChannelCheckBox';
import { RegisterChannelForm } from '../modules/safety/RegisterChannelForm';
import { useOfficialChannels, useRemoveOfficialChannel } from '../modules/safety/official-channel-queries';
import { DateTime } from '../ui/DateTime';
import { useErrorNotice } from '../ui/use-error-notice';

function RemoveButton({ channel }: { channel: OfficialChannelDto }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useErrorNotice();
  const remove = useRemoveOfficialChannel();
  return (
    <Popconfirm
      title={t('officialChannels.removeConfirm', { value: channel.value })}
      okText={t('officialChannels.remove')}
      cancelText={t('problemTypes.cancel')}
      okButtonProps={{ danger: true }}
      onConfirm={() =>
        remove
          .mutateAsync(channel.id)
          .then(() => void message.success(t('officialChannels.removed', { value: channel.value })), notifyError)
      }
    >
      <Button
        size="small"
        danger
        icon={<DeleteOutlined />}
        loading={remove.isPending}
        aria-label={`${t('officialChannels.remove')} ${channel.value}`}
      >
        {t('officialChannels.remove')}
      </Button>
    </Popconfirm>
  );
}

function useColumns(isAdmin: boolean): TableColumnsType<OfficialChannelDto> {
  const { t } = useTranslation();
  const columns: TableColumnsType<OfficialChannelDto> = [
    {
      title: t('officialChannels.kind'),
      dataIndex: 'kind',
      width: 120,
      render: (kind: OfficialChannelDto['kind']) => <Tag>{t(`officialChannels.kinds.${kind}`)}</Tag>,
    },
    {
      title: t('officialChannels.value'),
      dataIndex: 'value',
      render: (value: string) => <Typography.Text style={{ fontFamily: 'ui-monospace, monospace' }}>{value}</Typography.Text>,
    },
    { title: t('officialChannels.label'), dataIndex: 'label' },
    { title: t('officialChannels.created'), dataIndex: 'createdAt', width: 150, render: (at: string) => <DateTime value={at} /> },
  ];
  if (isAdmin) {
    columns.push({
      title: t('officialChannels.actions'),
      key: 'actions',
      width: 100,
      render: (_: unknown, channel) => <RemoveButton channel={channel} />,
    });
  }
  return columns;
}

export function OfficialChannelsPage() {
  const { t } = useTranslation();
  const { agent } = useSignedInSession();
  const isAdmin = agent.role === 'admin';
  const notifyError = useErrorNotice();
  const channels = useOfficialChannels();
  const columns = useColumns(isAdmin);

  useEffect(() => {
    if (channels.error) notifyError(channels.error);
  }, [channels.error, notifyError]);

  return (
    <Flex vertical gap={16}>
      <Flex vertical gap={4}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('officialChannels.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('officialChannels.intro')}</Typography.Text>
      </Flex>
      <ChannelCheckBox />
      <Card title={t('officialChannels.registered')}>
        <Flex vertical gap={16}>
          {isAdmin ? <RegisterChannelForm /> : <Alert type="info" showIcon title={t('officialChannels.readOnly')} />}
          <Table<OfficialChannelDto>
            rowKey="id"
            columns={columns}
            dataSource={channels.data ?? []}
            loading={channels.isPending}
            pagination={false}
            size="middle"
            locale={{ emptyText: t('officialChannels.empty') }}
          />
        </Flex>
      </Card>
    </Flex>
  );
}
