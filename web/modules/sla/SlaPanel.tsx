import type { SlaClockDto } from '@common/dto/sla.dto';
import type { TicketDto } from '@common/dto/ticket.dto';
import { Card, Descriptions, Empty, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../ui/DateTime';
import { useComplaintClock, useTicketSla } from './sla-queries';

// The DTO builds these unions from arrays, so their static type is string; the server sends only these.
type ClockState = 'running' | 'paused' | 'met' | 'breached';
type ComplaintState = 'on_time' | 'extended' | 'overdue' | 'decided';
const stateColor: Record<ClockState, string> = { running: 'processing', paused: 'default', met: 'success', breached: 'error' };

function Remaining({ minutes }: { minutes: number }) {
  const { t } = useTranslation();
  const whole = Math.abs(Math.round(minutes));
  const hours = Math.floor(whole / 60);
  const text = hours > 0 ? t('sla.duration', { hours, minutes: whole % 60 }) : t('sla.minutes', { minutes: whole });
  return minutes >= 0 ? (
    <Typography.Text>{t('sla.remaining', { time: text })}</Typography.Text>
  ) : (
    <Typography.Text type="danger">{t('sla.overdueBy', { time: text })}</Typography.Text>
  );
}

function ClockRow({ clock }: { clock: SlaClockDto }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={2} data-testid={`sla-clock-${clock.metric}`}>
      <Flex justify="space-between" align="center">
        <Typography.Text strong>{t(`notifications.metrics.${clock.metric}`)}</Typography.Text>
        <Tag color={stateColor[clock.state as ClockState]}>{t(`sla.states.${clock.state as ClockState}`)}</Tag>
      </Flex>
      {clock.dueAt && (
        <Typography.Text type="secondary">
          {t('sla.dueAt')} <DateTime value={clock.dueAt} />
        </Typography.Text>
      )}
      {clock.remainingMinutes !== null && <Remaining minutes={clock.remainingMinutes} />}
      {clock.pausedSince && (
        <Typography.Text type="secondary">
          {t('sla.pausedSince')} <DateTime value={clock.pausedSince} relative />
        </Typography.Text>
      )}
    </Flex>
  );
}

function ComplaintClock({ number }: { number: string }) {
  const { t } = useTranslation();
  const complaint = useComplaintClock(number, true);
  if (!complaint.data) return null;
  const clock = complaint.data;
  return (
    <Descriptions size="small" column={1} title={t('sla.complaint.title')}>
      <Descriptions.Item label={t('sla.complaint.state')}>
        <Tag color={clock.state === 'overdue' ? 'error' : clock.state === 'decided' ? 'success' : 'warning'}>
          {t(`sla.complaint.states.${clock.state as ComplaintState}`)}
        </Tag>
      </Descriptions.Item>
      <Descriptions.Item label={t('sla.complaint.dueAt')}>
        <DateTime value={clock.dueAt} /> ({t('sla.complaint.days', { days: clock.days })})
      </Descriptions.Item>
    </Descriptions>
  );
}

/** The ticket's promises: each SLA clock with its due time and the working time left, and a formal complaint's decision deadline. */
export function SlaPanel({ ticket }: { ticket: TicketDto }) {
  const { t } = useTranslation();
  const sla = useTicketSla(ticket.number);
  const clocks = sla.data?.clocks ?? [];
  return (
    <Card
      title={t('sla.title')}
      loading={sla.isPending}
      extra={clocks[0] && <Typography.Text type="secondary">{clocks[0].policy.name}</Typography.Text>}
    >
      <Flex vertical gap={12}>
        {clocks.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sla.none')} />
        ) : (
          clocks.map((clock) => <ClockRow key={clock.metric} clock={clock} />)
        )}
        {ticket.isFormalComplaint && <ComplaintClock number={ticket.number} />}
      </Flex>
    </Card>
  );
}
