import { ThunderboltOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useErrorNotice } from '../../ui/use-error-notice';
import { useTakeNextTicket } from './routing-queries';

/** 领取下一个工单: the head of the agent's groups' queues (VIP first), within their capacity; opens it. */
export function TakeNextTicketButton() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const take = useTakeNextTicket();
  const notice = useErrorNotice();
  const onClick = () =>
    take.mutate(undefined, {
      onError: notice,
      onSuccess: (pulled) => {
        if (pulled.outcome === 'assigned' && pulled.ticket) navigate(`/tickets/${pulled.ticket.number}`);
        else void message.info(t(`routing.takeNext.${pulled.outcome}`));
      },
    });
  return (
    <Button type="primary" icon={<ThunderboltOutlined />} loading={take.isPending} onClick={onClick}>
      {t('routing.takeNext.action')}
    </Button>
  );
}
