import type { TicketDto } from '@common/dto/ticket.dto';
import { ExclamationCircleOutlined, SyncOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { SlaDueTag } from '../modules/sla/SlaDueTag';
import { PriorityTag } from '../modules/tickets/PriorityTag';
import { TicketFiltersBar } from '../modules/tickets/TicketFiltersBar';
import { TicketStatusTag } from '../modules/tickets/TicketStatusTag';
import { filtersFromSearch, filtersToSearch, type TicketFilters } from '../modules/tickets/ticket-filters';
import { useTicketList } from '../modules/tickets/ticket-queries';
import { DateTime } from '../ui/DateTime';
import { useErrorNotice } from '../ui/use-error-notice';

function useColumns(): TableColumnsType<TicketDto> {
  const { t } = useTranslation();
  return [
    {
      title: t('columns.number'),
      dataIndex: 'number',
      width: 128,
      render: (number: string) => (
        <Link to={`/tickets/${number}`} onClick={(event) => event.stopPropagation()} style={{ fontFamily: 'ui-monospace, monospace' }}>
          {number}
        </Link>
      ),
    },
    {
      title: t('columns.subject'),
      dataIndex: 'subject',
      render: (subject: string, ticket) => (
        <Flex vertical gap={4} style={{ minWidth: 0 }}>
          <Typography.Text strong>{subject}</Typography.Text>
          <Flex gap={4} wrap>
            {ticket.isFormalComplaint && (
              <Tag color="red" icon={<ExclamationCircleOutlined />}>
                {t('ticket.formalComplaint')}
              </Tag>
            )}
            <Tag>{t(`channel.${ticket.channel}`)}</Tag>
            {ticket.tags.slice(0, 2).map((tag) => (
              <Tag key={tag} variant="filled">
                {tag}
              </Tag>
            ))}
          </Flex>
        </Flex>
      ),
    },
    {
      title: t('columns.customer'),
      dataIndex: 'customer',
      width: 100,
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
      title: t('columns.status'),
      dataIndex: 'status',
      width: 150,
      render: (_: unknown, ticket) => <TicketStatusTag status={ticket.status} customerStatus={ticket.customerStatus} />,
    },
    {
      title: t('columns.priority'),
      dataIndex: 'priority',
      width: 88,
      render: (_: unknown, ticket) => <PriorityTag priority={ticket.priority} />,
    },
    {
      title: t('columns.due'),
      dataIndex: 'sla',
      width: 100,
      render: (_: unknown, ticket) => <SlaDueTag sla={ticket.sla} />,
    },
    { title: t('columns.group'), dataIndex: ['group', 'name'], width: 108 },
    {
      title: t('columns.assignee'),
      dataIndex: 'assignee',
      width: 92,
      render: (assignee: TicketDto['assignee']) =>
        assignee ? assignee.name : <Typography.Text type="secondary">{t('ticket.unassigned')}</Typography.Text>,
    },
    {
      title: t('columns.updated'),
      dataIndex: 'updatedAt',
      width: 96,
      render: (updatedAt: string) => <DateTime value={updatedAt} relative />,
    },
  ];
}

export function TicketListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const notifyError = useErrorNotice();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(searchParams), [searchParams]);
  const list = useTicketList(filters);
  const columns = useColumns();
  const tickets = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);

  useEffect(() => {
    if (list.error) notifyError(list.error);
  }, [list.error, notifyError]);

  const onFiltersChange = (next: TicketFilters) => setSearchParams(filtersToSearch(next));

  return (
    <Flex vertical gap={16}>
      <Flex align="baseline" justify="space-between">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('ticketList.title')}
        </Typography.Title>
        <Button icon={<SyncOutlined spin={list.isRefetching} />} onClick={() => void list.refetch()}>
          {t('ticketList.refresh')}
        </Button>
      </Flex>
      <Card>
        <TicketFiltersBar filters={filters} onChange={onFiltersChange} />
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        <Table<TicketDto>
          rowKey="id"
          columns={columns}
          dataSource={tickets}
          loading={list.isPending || list.isPlaceholderData}
          pagination={false}
          locale={{ emptyText: t('ticketList.empty') }}
          scroll={{ x: 1000 }}
          onRow={(ticket) => ({ onClick: () => navigate(`/tickets/${ticket.number}`), style: { cursor: 'pointer' } })}
        />
        <Flex justify="center" align="center" gap={12} style={{ padding: 16 }}>
          <Typography.Text type="secondary">{t('ticketList.loaded', { count: tickets.length })}</Typography.Text>
          {list.hasNextPage ? (
            <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t('ticketList.loadMore')}
            </Button>
          ) : (
            tickets.length > 0 && <Typography.Text type="secondary">· {t('ticketList.allLoaded')}</Typography.Text>
          )}
        </Flex>
      </Card>
    </Flex>
  );
}
