import type { ProblemTypeDto } from '@common/dto/classification.dto';
import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignedInSession } from '../app/session';
import { useProblemTypes } from '../modules/classification/problem-type-queries';
import { ProblemTypeEditor } from '../modules/classification/ProblemTypeEditor';
import { PriorityTag } from '../modules/tickets/PriorityTag';
import { useGroups } from '../modules/tickets/ticket-queries';
import { DateTime } from '../ui/DateTime';
import { useErrorNotice } from '../ui/use-error-notice';

function useColumns(isAdmin: boolean, onEdit: (type: ProblemTypeDto) => void): TableColumnsType<ProblemTypeDto> {
  const { t } = useTranslation();
  const groups = useGroups();
  const groupName = (id: string | null) => (id ? (groups.data?.find((group) => group.id === id)?.name ?? '—') : '—');
  const columns: TableColumnsType<ProblemTypeDto> = [
    {
      title: t('problemTypes.code'),
      dataIndex: 'code',
      width: 200,
      render: (code: string) => (
        <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
          {code}
        </Typography.Text>
      ),
    },
    { title: t('problemTypes.nameZh'), dataIndex: 'nameZh' },
    { title: t('problemTypes.nameEn'), dataIndex: 'nameEn' },
    {
      title: t('problemTypes.recommendedChannel'),
      dataIndex: 'recommendedChannel',
      width: 104,
      render: (channel: ProblemTypeDto['recommendedChannel']) => t(`channel.${channel}`),
    },
    { title: t('problemTypes.defaultGroup'), dataIndex: 'defaultGroupId', width: 120, render: groupName },
    {
      title: t('problemTypes.priority'),
      dataIndex: 'priority',
      width: 88,
      render: (priority: ProblemTypeDto['priority']) => <PriorityTag priority={priority} />,
    },
    {
      title: t('problemTypes.slaClass'),
      dataIndex: 'slaClass',
      width: 110,
      render: (slaClass: ProblemTypeDto['slaClass']) => t(`slaClass.${slaClass}`),
    },
    {
      title: t('problemTypes.active'),
      dataIndex: 'active',
      width: 76,
      render: (active: boolean) =>
        active ? <Tag color="success">{t('problemTypes.activeYes')}</Tag> : <Tag>{t('problemTypes.activeNo')}</Tag>,
    },
    { title: t('problemTypes.updated'), dataIndex: 'updatedAt', width: 100, render: (at: string) => <DateTime value={at} relative /> },
  ];
  if (isAdmin) {
    columns.push({
      title: t('problemTypes.actions'),
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_: unknown, type) => (
        <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(type)} aria-label={`${t('problemTypes.edit')} ${type.code}`}>
          {t('problemTypes.edit')}
        </Button>
      ),
    });
  }
  return columns;
}

export function ProblemTypesPage() {
  const { t } = useTranslation();
  const { agent } = useSignedInSession();
  const isAdmin = agent.role === 'admin';
  const notifyError = useErrorNotice();
  const types = useProblemTypes();
  const [editing, setEditing] = useState<ProblemTypeDto | null>(null);
  const columns = useColumns(isAdmin, setEditing);

  useEffect(() => {
    if (types.error) notifyError(types.error);
  }, [types.error, notifyError]);

  return (
    <Flex vertical gap={16}>
      <Flex vertical gap={4}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('problemTypes.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('problemTypes.intro')}</Typography.Text>
      </Flex>
      {!isAdmin && <Alert type="info" showIcon title={t('problemTypes.readOnly')} />}
      <Card styles={{ body: { padding: 0 } }}>
        <Table<ProblemTypeDto>
          rowKey="code"
          columns={columns}
          dataSource={types.data ?? []}
          loading={types.isPending}
          pagination={false}
          scroll={{ x: 1140 }}
          size="middle"
        />
      </Card>
      {editing && <ProblemTypeEditor key={editing.code} type={editing} onClose={() => setEditing(null)} />}
    </Flex>
  );
}
