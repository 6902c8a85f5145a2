import { AppstoreOutlined, AuditOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Badge, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTriageCount } from '../modules/classification/problem-type-queries';

/** Side-navigation entries beyond the ticket queues; kept apart from the layout so pages can be added without touching it. */
export const extraNavKeys = ['/triage', '/settings/problem-types', '/settings/official-channels'] as const;

function TriageBadge() {
  const triage = useTriageCount();
  const count = triage.data ? triage.data.count + (triage.data.more ? 1 : 0) : 0;
  return <Badge count={count} overflowCount={99} size="small" style={{ boxShadow: 'none' }} data-testid="triage-count" />;
}

type NavItem = NonNullable<MenuProps['items']>[number];

/** `ticketItems` join the ticket queues' group; `groups` follow it. */
export function useExtraNavItems(): { ticketItems: NavItem[]; groups: NavItem[] } {
  const { t } = useTranslation();
  const ticketItems: NavItem[] = [
    {
      key: '/triage',
      icon: <AuditOutlined />,
      label: (
        <span style={{ display: 'inline-flex', alignItems: 'center', justifyContent: 'space-between', width: '100%', gap: 8 }}>
          {t('nav.triage')}
          <TriageBadge />
        </span>
      ),
    },
  ];
  const groups: NavItem[] = [
    {
      type: 'group',
      key: 'settings',
      label: t('nav.admin'),
      children: [
        { key: '/settings/problem-types', icon: <AppstoreOutlined />, label: t('nav.problemTypes') },
        { key: '/settings/official-channels', icon: <SafetyCertificateOutlined />, label: t('nav.officialChannels') },
      ],
    },
  ];
  return { ticketItems, groups };
}
