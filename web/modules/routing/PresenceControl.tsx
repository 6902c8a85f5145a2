import { agentPresences, type AgentPresence } from '@common/routing/routing-fields';
import { Badge, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorNotice } from '../../ui/use-error-notice';
import { usePresence, usePresenceHeartbeat, useSetPresence } from './routing-queries';

const badge: Record<AgentPresence, 'success' | 'error' | 'warning' | 'default'> = {
  online: 'success',
  busy: 'error',
  away: 'warning',
  offline: 'default',
};

/**
 * The agent's own presence in the top bar: online gets new tickets, busy and away keep theirs, offline hands back unanswered ones.
 * It also sends the console's heartbeat: closing the console lets the server set the agent offline after PRESENCE_TIMEOUT_MINUTES.
 */
export function PresenceControl() {
  const { t } = useTranslation();
  const presence = usePresence();
  usePresenceHeartbeat();
  const setPresence = useSetPresence();
  const notice = useErrorNotice();
  const status = presence.data?.status ?? 'offline';
  return (
    <Select<AgentPresence>
      aria-label={t('routing.presence.label')}
      value={status}
      loading={presence.isLoading || setPresence.isPending}
      style={{ width: 132 }}
      onChange={(next) => setPresence.mutate(next, { onError: notice })}
      options={agentPresences.map((value) => ({ value, label: <Badge status={badge[value]} text={t(`routing.presence.${value}`)} /> }))}
    />
  );
}
