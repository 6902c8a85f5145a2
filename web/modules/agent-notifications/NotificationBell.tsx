import type { AgentNotificationDto } from '@common/dto/agent-notification.dto';
import { slaMetrics } from '@common/sla/sla-targets';
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Flex, List, Popover, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useErrorNotice } from '../../ui/use-error-notice';
import { useMarkNotificationsRead, useNotificationInbox } from './notification-queries';

function NotificationText({ item }: { item: AgentNotificationDto }) {
  const { t } = useTranslation();
  const named = slaMetrics.find((metric) => metric === item.details.metric);
  const metric = named ? t(`notifications.metrics.${named}`) : '';
  return (
    <Flex vertical gap={2}>
      <Typography.Text strong={!item.readAt}>
        {t(`notifications.kinds.${item.kind}`, { number: item.ticket.number, metric })}
      </Typography.Text>
      <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>
        {item.ticket.subject}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t(`notifications.reasons.${item.reason}`)} · {new Date(item.createdAt).toLocaleString()}
      </Typography.Text>
    </Flex>
  );
}

/** The top bar's bell: SLA warnings and breaches and presses addressed to this agent, kept until read. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const inbox = useNotificationInbox();
  const markRead = useMarkNotificationsRead();
  const notice = useErrorNotice();
  const [open, setOpen] = useState(false);
  const items = inbox.data?.items ?? [];
  const openTicket = (item: AgentNotificationDto) => {
    if (!item.readAt) markRead.mutate([item.id], { onError: notice });
    setOpen(false);
    navigate(`/tickets/${item.ticket.number}`);
  };
  const content = (
    <Flex vertical gap={8} style={{ width: 380 }}>
      <Flex justify="space-between" align="center">
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button
          size="small"
          type="link"
          disabled={!inbox.data?.unreadCount}
          loading={markRead.isPending}
          onClick={() => markRead.mutate(undefined, { onError: notice })}
        >
          {t('notifications.markAllRead')}
        </Button>
      </Flex>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <List
          size="small"
          style={{ maxHeight: 420, overflowY: 'auto' }}
          dataSource={items}
          renderItem={(item) => (
            <List.Item
              style={{ cursor: 'pointer', background: item.readAt ? undefined : '#f0f5ff' }}
              onClick={() => openTicket(item)}
              data-testid="notification-item"
            >
              <NotificationText item={item} />
            </List.Item>
          )}
        />
      )}
    </Flex>
  );
  return (
    <Popover content={content} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight">
      <Badge count={inbox.data?.unreadCount ?? 0} size="small" overflowCount={99}>
        <Button type="text" icon={<BellOutlined />} aria-label={t('notifications.title')} />
      </Badge>
    </Popover>
  );
}
