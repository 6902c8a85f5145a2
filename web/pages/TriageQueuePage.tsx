import type { ProblemTypeDto } from '@common/dto/classification.dto';
import type { TicketDto } from '@common/dto/ticket.dto';
import { SyncOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Progress, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLocale } from '../app/i18n';
import { problemTypeName, useProblemTypes, useTriageQueue } from '../modules/classification/problem-type-queries';
import { TriageAction } from '../modules/classification/TriageAction';
import { DateTime } from '../ui/DateTime';
import { useErrorNotice } from '../ui/use-error-notice';

function ClassifierGuess({ ticket, types }: { ticket: TicketDto; types: readonly ProblemTypeDto[] }) {
  const { t } = useTranslation();
  const type = types.find((candidate) => candidate.code === ticket.problemType);
  if (!ticket.problemType) return <Typography.Text type="secondary">{t('triage.noGuess')}</Typography.Text>;
  const percent = Math.round((ticket.classificationConfidence ?? 0) * 100);
  return (
    <Flex vertical gap={2} style={{ minWidth: 0 }}>
      <Tag style={{ marginInlineEnd: 0, alignSelf: 'flex-start' }}>
        {type ? problemTypeName(type, currentLocale()) : ticket.problemType}
      </Tag>
      {ticket.classificationConfidence !== null && (
        <Tooltip title={t('triage.confidence', { percent })}>
          <Progress
            percent={percent}
            size="small"
            status={percent < 30 ? 'exception' : 'normal'}
            format={(value) => `${value ?? 0}%`}
            style={{ margin: 0, width: 140 }}
            aria-label={t('triage.confidence', { percent })}
          />
        </Tooltip>
      )}
    </Flex>
  );
}

function useColumns(types: readonly ProblemTypeDto[]): TableColumnsType<TicketDto> {
  const { t } = useTranslation();
  return [
    {
      title: t('columns.number'),
      dataIndex: 'number',
      width: 128,
      render: (number: string) => (
        <Link to={`/tickets/${number}`} style={{ fontFamily: 'ui-monospace, monospace' }}>
          {number}
        </Link>
      ),
    },
    { title: t('columns.subject'), dataIndex: 'subject', render: (subject: string) => <Typography.Text strong>{subject}</Typography.Text> },
    {
      title: t('columns.customer'),
      dataIndex: 'customer',
      width: 110,
      render: (customer: TicketDto['customer']) => (
        <Flex vertical gap={0}>
          <span>{customer.name ?? '—'}</span>
          {customer.platformUserId && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {customer.platformUserId}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('triage.guess'),
      key: 'guess',
      width: 190,
      render: (_: unknown, ticket) => <ClassifierGuess ticket={ticket} types={types} />,
    },
    {
      title: t('triage.waiting'),
      dataIndex: 'createdAt',
      width: 110,
      sorter: (a, b) => a.createdAt.localeCompare(b.createdAt),
      render: (createdAt: string) => (
        <Tooltip title={<DateTime value={createdAt} />}>
          <span style={{ whiteSpace: 'nowrap' }}>{dayjs(createdAt).toNow(true)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('triage.setType'),
      key: 'action',
      width: 310,
      render: (_: unknown, ticket) => <TriageAction key={`${ticket.id}:${ticket.problemType}`} ticket={ticket} types={types} />,
    },
  ];
}

export function TriageQueuePage() {
  const { t } = useTranslation();
  const notifyError = useErrorNotice();
  const queue = useTriageQueue();
  const types = useProblemTypes();
  const columns = useColumns(types.data ?? []);
  const tickets = useMemo(() => queue.data?.pages.flatMap((page) => page.items) ?? [], [queue.data]);

  useEffect(() => {
    if (queue.error) notifyError(queue.error);
  }, [queue.error, notifyError]);
  useEffect(() => {
    if (types.error) notifyError(types.error);
  }, [types.error, notifyError]);

  return (
    <Flex vertical gap={16}>
      <Flex align="baseline" justify="space-between" gap={16}>
        <Flex vertical gap={4}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('triage.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('triage.intro')}</Typography.Text>
        </Flex>
        <Button icon={<SyncOutlined spin={queue.isRefetching} />} onClick={() => void queue.refetch()}>
          {t('ticketList.refresh')}
        </Button>
      </Flex>
      <Card styles={{ body: { padding: 0 } }}>
        <Table<TicketDto>
          rowKey="id"
          columns={columns}
          dataSource={tickets}
          loading={queue.isPending || types.isPending}
          pagination={false}
          locale={{ emptyText: t('triage.empty') }}
          scroll={{ x: 1000 }}
        />
        <Flex justify="center" align="center" gap={12} style={{ padding: 16 }}>
          <Typography.Text type="secondary">{t('ticketList.loaded', { count: tickets.length })}</Typography.Text>
          {queue.hasNextPage && (
            <Button onClick={() => void queue.fetchNextPage()} loading={queue.isFetchingNextPage}>
              {t('ticketList.loadMore')}
            </Button>
          )}
        </Flex>
      </Card>
    </Flex>
  );
}
