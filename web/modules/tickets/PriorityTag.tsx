import type { TicketPriority } from '@common/tickets/ticket-fields';
import { ArrowDownOutlined, ArrowUpOutlined, FireOutlined, MinusOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const looks: Record<TicketPriority, { color: string; icon: ReactNode }> = {
  low: { color: 'default', icon: <ArrowDownOutlined /> },
  normal: { color: 'processing', icon: <MinusOutlined /> },
  high: { color: 'warning', icon: <ArrowUpOutlined /> },
  urgent: { color: 'error', icon: <FireOutlined /> },
};

export function PriorityTag({ priority }: { priority: TicketPriority }) {
  const { t } = useTranslation();
  const look = looks[priority];
  return (
    <Tag color={look.color} icon={look.icon} style={{ marginInlineEnd: 0 }}>
      {t(`priority.${priority}`)}
    </Tag>
  );
}
