import type { TicketDto } from '@common/dto/ticket.dto';
import { Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

/** The soonest running deadline of a ticket in the list: red once passed, orange within the hour. */
export function SlaDueTag({ sla }: { sla: TicketDto['sla'] }) {
  const { t } = useTranslation();
  const dues = [sla.firstResponseDueAt, sla.nextResponseDueAt, sla.resolutionDueAt].filter((due): due is string => due !== null);
  if (dues.length === 0) return null;
  const soonest = dayjs(dues.sort()[0]);
  const minutesLeft = soonest.diff(dayjs(), 'minute');
  const color = minutesLeft < 0 ? 'error' : minutesLeft < 60 ? 'warning' : 'default';
  return (
    <Tooltip title={`${t('sla.dueAt')} ${soonest.format('YYYY-MM-DD HH:mm')}`}>
      <Tag color={color}>{minutesLeft < 0 ? t('sla.overdue') : soonest.fromNow()}</Tag>
    </Tooltip>
  );
}
