import type { TicketDto } from '@common/dto/ticket.dto';
import { customerStatusLabels, type TicketStatus, ticketStatusTable } from '@common/tickets/ticket-status';
import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../app/i18n';

export const statusColors: Record<TicketStatus, string> = {
  new: 'blue',
  open: 'orange',
  pending_customer: 'purple',
  pending_third_party: 'cyan',
  resolved: 'green',
  closed: 'default',
  merged: 'default',
};

/** What the customer sees for a status, from the shared status table. */
export function customerLabelOf(status: TicketStatus): string {
  return customerStatusLabels[ticketStatusTable[status].customerLabel][currentLocale()];
}

interface Props {
  status: TicketStatus;
  customerStatus?: TicketDto['customerStatus'];
  /** Show the customer-facing label under the tag. */
  withCustomerLabel?: boolean;
}

/** The internal status as agents know it, with the label the customer sees underneath. */
export function TicketStatusTag({ status, customerStatus, withCustomerLabel = true }: Props) {
  const { t } = useTranslation();
  const customerLabel = customerStatus ? customerStatus[currentLocale()] : customerLabelOf(status);
  return (
    <Flex vertical gap={2} align="flex-start">
      <Tag color={statusColors[status]} style={{ marginInlineEnd: 0 }}>
        {t(`status.${status}`)}
      </Tag>
      {withCustomerLabel && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('customerSees', { label: customerLabel })}
        </Typography.Text>
      )}
    </Flex>
  );
}
