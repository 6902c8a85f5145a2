import type { TicketDto } from '@common/dto/ticket.dto';
import { ExclamationCircleOutlined } from '@ant-design/icons';
import { Breadcrumb, Card, Col, Descriptions, Flex, Result, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { currentLocale } from '../app/i18n';
import { SlaPanel } from '../modules/sla/SlaPanel';
import { isSafetyCase, SafetyPanel } from '../modules/emergency/SafetyPanel';
import { ArticleTimeline } from '../modules/tickets/ArticleTimeline';
import { CustomerContactPoints } from '../modules/tickets/CustomerContactPoints';
import { PriorityTag } from '../modules/tickets/PriorityTag';
import { ReplyComposer } from '../modules/tickets/ReplyComposer';
import { StatusChanger } from '../modules/tickets/StatusChanger';
import { TicketStatusTag } from '../modules/tickets/TicketStatusTag';
import { useArticles, useTicket } from '../modules/tickets/ticket-queries';
import { DateTime } from '../ui/DateTime';
import { errorText } from '../ui/error-text';
import { PageSpinner } from '../ui/PageSpinner';

function TicketHeader({ ticket }: { ticket: TicketDto }) {
  const { t } = useTranslation();
  return (
    <Card>
      <Flex justify="space-between" align="flex-start" gap={24} wrap>
        <Flex vertical gap={8} style={{ minWidth: 0, flex: '1 1 420px' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {ticket.subject}
          </Typography.Title>
          <Flex align="center" gap={12} wrap>
            <Typography.Text copyable style={{ fontFamily: 'ui-monospace, monospace' }}>
              {ticket.number}
            </Typography.Text>
            <TicketStatusTag status={ticket.status} customerStatus={ticket.customerStatus} withCustomerLabel={false} />
            <Typography.Text type="secondary">{t('customerSees', { label: ticket.customerStatus[currentLocale()] })}</Typography.Text>
            <PriorityTag priority={ticket.priority} />
            {ticket.isFormalComplaint && (
              <Tag color="red" icon={<ExclamationCircleOutlined />}>
                {t('ticket.formalComplaint')}
              </Tag>
            )}
            {ticket.mergedIntoNumber && (
              <Link to={`/tickets/${ticket.mergedIntoNumber}`}>{t('ticket.mergedInto', { number: ticket.mergedIntoNumber })}</Link>
            )}
          </Flex>
          <Flex gap={24} wrap>
            <Typography.Text>
              <Typography.Text type="secondary">{t('fieldLabel', { label: t('ticket.customer') })}</Typography.Text>
              {ticket.customer.name ?? ticket.customer.platformUserId ?? '—'}
            </Typography.Text>
            <Typography.Text>
              <Typography.Text type="secondary">{t('fieldLabel', { label: t('ticket.group') })}</Typography.Text>
              {ticket.group.name}
            </Typography.Text>
            <Typography.Text>
              <Typography.Text type="secondary">{t('fieldLabel', { label: t('ticket.assignee') })}</Typography.Text>
              {ticket.assignee?.name ?? t('ticket.unassigned')}
            </Typography.Text>
          </Flex>
        </Flex>
        <StatusChanger ticket={ticket} />
      </Flex>
    </Card>
  );
}

function TicketDetails({ ticket }: { ticket: TicketDto }) {
  const { t } = useTranslation();
  return (
    <Card title={t('ticket.details')}>
      <Descriptions
        column={1}
        size="small"
        items={[
          {
            key: 'customer',
            label: t('ticket.customer'),
            children: ticket.customer.name ?? '—',
          },
          { key: 'platformUserId', label: t('ticket.platformUserId'), children: ticket.customer.platformUserId ?? '—' },
          { key: 'contactPoints', label: t('contactPoints.title'), children: <CustomerContactPoints ticket={ticket} /> },
          { key: 'channel', label: t('ticket.channel'), children: t(`channel.${ticket.channel}`) },
          { key: 'priority', label: t('ticket.priority'), children: <PriorityTag priority={ticket.priority} /> },
          { key: 'group', label: t('ticket.group'), children: ticket.group.name },
          { key: 'assignee', label: t('ticket.assignee'), children: ticket.assignee?.name ?? t('ticket.unassigned') },
          { key: 'created', label: t('ticket.created'), children: <DateTime value={ticket.createdAt} /> },
          { key: 'updated', label: t('ticket.updated'), children: <DateTime value={ticket.updatedAt} /> },
          {
            key: 'firstResponse',
            label: t('ticket.firstResponse'),
            children: ticket.firstRespondedAt ? <DateTime value={ticket.firstRespondedAt} /> : t('ticket.notYet'),
          },
          {
            key: 'tags',
            label: t('ticket.tags'),
            children: (
              <Flex gap={4} wrap>
                {ticket.tags.map((tag) => (
                  <Tag key={tag} style={{ marginInlineEnd: 0 }}>
                    {tag}
                  </Tag>
                ))}
              </Flex>
            ),
          },
        ]}
      />
    </Card>
  );
}

export function TicketPage() {
  const { t } = useTranslation();
  const number = (useParams().number ?? '').toUpperCase();
  const ticket = useTicket(number);
  const articles = useArticles(number);

  if (ticket.isPending) return <PageSpinner />;
  if (ticket.error) {
    return (
      <Result
        status="warning"
        title={errorText(ticket.error, currentLocale(), t)}
        extra={<Link to="/tickets">{t('errors.backHome')}</Link>}
      />
    );
  }
  const current = ticket.data;
  return (
    <Flex vertical gap={16}>
      <Breadcrumb items={[{ title: <Link to="/tickets">{t('ticket.backToList')}</Link> }, { title: current.number }]} />
      <TicketHeader ticket={current} />
      {isSafetyCase(current) && <SafetyPanel ticket={current} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17}>
          <Flex vertical gap={16}>
            <Card
              title={t('ticket.timeline')}
              extra={
                <Typography.Text type="secondary">
                  {t('ticket.articleCount', { count: articles.data?.length ?? current.articleCount })}
                </Typography.Text>
              }
            >
              {articles.isPending ? (
                <PageSpinner />
              ) : articles.error ? (
                <Typography.Text type="danger">{errorText(articles.error, currentLocale(), t)}</Typography.Text>
              ) : (
                <ArticleTimeline articles={articles.data} />
              )}
            </Card>
            <Card styles={{ body: { paddingTop: 4 } }}>
              <ReplyComposer ticket={current} />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={7}>
          <Flex vertical gap={16}>
            <TicketDetails ticket={current} />
            <SlaPanel ticket={current} />
            {!isSafetyCase(current) && <SafetyPanel ticket={current} />}
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
