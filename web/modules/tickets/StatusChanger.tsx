import type { TicketDto } from '@common/dto/ticket.dto';
import { type TicketStatus, ticketStatusTable } from '@common/tickets/ticket-status';
import { App, Button, Flex, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorNotice } from '../../ui/use-error-notice';
import { useChangeStatus } from './ticket-queries';
import { customerLabelOf } from './TicketStatusTag';

/** Moves a ticket to one of the statuses the shared status table allows from where it is now. */
export function StatusChanger({ ticket }: { ticket: TicketDto }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useErrorNotice();
  const changeStatus = useChangeStatus(ticket.number);
  const [target, setTarget] = useState<TicketStatus | undefined>();
  const allowed = ticketStatusTable[ticket.status].agentMayMoveTo;

  if (allowed.length === 0) return <Typography.Text type="secondary">{t('statusChanger.final')}</Typography.Text>;

  const apply = () => {
    if (!target) return;
    changeStatus.mutate(target, {
      onSuccess: (updated) => {
        setTarget(undefined);
        void message.success(t('statusChanger.changed', { status: t(`status.${updated.status}`) }));
      },
      onError: notifyError,
    });
  };

  return (
    <Space.Compact>
      <Select<TicketStatus>
        aria-label={t('statusChanger.title')}
        placeholder={t('statusChanger.placeholder')}
        style={{ minWidth: 230 }}
        value={target}
        onChange={setTarget}
        popupMatchSelectWidth={false}
        options={allowed.map((status) => ({ value: status, label: t(`status.${status}`) }))}
        optionRender={(option) => {
          const status = allowed.find((candidate) => candidate === option.value);
          return (
            <Flex justify="space-between" gap={16}>
              <span>{option.label}</span>
              {status && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('customerSees', { label: customerLabelOf(status) })}
                </Typography.Text>
              )}
            </Flex>
          );
        }}
      />
      <Button type="primary" disabled={!target} loading={changeStatus.isPending} onClick={apply}>
        {t('statusChanger.apply')}
      </Button>
    </Space.Compact>
  );
}
