import { ExclamationCircleOutlined, FieldTimeOutlined, InboxOutlined, LogoutOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Badge, Button, Flex, Layout, Menu, Result, Tooltip, Typography } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { NotificationBell } from '../modules/agent-notifications/NotificationBell';
import { PresenceControl } from '../modules/routing/PresenceControl';
import { TakeNextTicketButton } from '../modules/routing/TakeNextTicketButton';
import { useTicketLiveRefresh } from '../modules/tickets/use-ticket-live-refresh';
import { BrandMark } from '../ui/BrandMark';
import { errorText } from '../ui/error-text';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { PageSpinner } from '../ui/PageSpinner';
import { extraNavKeys, useExtraNavItems } from './console-nav';
import { currentLocale } from './i18n';
import { LiveFeedProvider, useLiveFeedStatus } from './live-feed';
import { useSession, useSignedInSession } from './session';

const queueLinks = [
  { key: '/tickets', icon: <InboxOutlined />, label: 'nav.allTickets' },
  { key: '/tickets?assignee=me', icon: <UserOutlined />, label: 'nav.myTickets' },
  { key: '/tickets?assignee=none', icon: <TeamOutlined />, label: 'nav.unassigned' },
  { key: '/tickets?atRisk=true', icon: <FieldTimeOutlined />, label: 'nav.atRisk' },
  { key: '/tickets?formalComplaint=true', icon: <ExclamationCircleOutlined />, label: 'nav.complaints' },
] as const;

function SideNav() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  const extra = useExtraNavItems();
  const selected =
    queueLinks.find((link) => link.key === here)?.key ??
    extraNavKeys.find((key) => location.pathname.startsWith(key)) ??
    (location.pathname.startsWith('/tickets') ? '/tickets' : '');
  return (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={[selected]}
      onClick={({ key }) => navigate(key)}
      items={[
        {
          type: 'group',
          key: 'tickets',
          label: t('nav.tickets'),
          children: [...queueLinks.map((link) => ({ key: link.key, icon: link.icon, label: t(link.label) })), ...extra.ticketItems],
        },
        ...extra.groups,
      ]}
    />
  );
}

function TopBar() {
  const { t } = useTranslation();
  const { agent } = useSignedInSession();
  const { signOut } = useSession();
  const live = useLiveFeedStatus();
  return (
    <Flex align="center" justify="flex-end" gap={20} style={{ height: '100%' }}>
      <TakeNextTicketButton />
      <PresenceControl />
      <NotificationBell />
      <Tooltip title={live ? t('header.liveOn') : t('header.liveOff')}>
        <Badge
          status={live ? 'success' : 'warning'}
          text={<Typography.Text type="secondary">{live ? t('header.liveOn') : t('header.liveOff')}</Typography.Text>}
        />
      </Tooltip>
      <LanguageSwitch />
      <Flex align="center" gap={8}>
        <Avatar size="small" style={{ background: '#1668dc' }} icon={<UserOutlined />} />
        <Flex vertical gap={0} style={{ lineHeight: 1.2 }}>
          <Typography.Text strong>{agent.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`header.roles.${agent.role}`)}
          </Typography.Text>
        </Flex>
      </Flex>
      <Button icon={<LogoutOutlined />} onClick={() => void signOut()}>
        {t('header.logout')}
      </Button>
    </Flex>
  );
}

function SignedInConsole() {
  useTicketLiveRefresh();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* The sider stretches to the page's full height (its dark background with it); only its content sticks to the viewport. */}
      <Layout.Sider width={208} breakpoint="lg" collapsedWidth={0}>
        <div style={{ position: 'sticky', top: 0, maxHeight: '100vh', overflowY: 'auto' }}>
          <div style={{ padding: '16px 20px 12px' }}>
            <BrandMark inverted />
          </div>
          <SideNav />
        </div>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ borderBottom: '1px solid #e8ecf2', position: 'sticky', top: 0, zIndex: 10 }}>
          <TopBar />
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <div style={{ maxWidth: 1440, margin: '0 auto' }}>
            <Suspense fallback={<PageSpinner />}>
              <Outlet />
            </Suspense>
          </div>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** The signed-in shell: sends visitors without a session to the login, keeps the live feed open for the rest. */
export function ConsoleLayout() {
  const { t } = useTranslation();
  const { session, loading, error } = useSession();
  const location = useLocation();
  if (loading) return <PageSpinner />;
  if (error) {
    return (
      <Result
        status="error"
        title={errorText(error, currentLocale(), t)}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('errors.retry')}
          </Button>
        }
      />
    );
  }
  if (!session) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <LiveFeedProvider>
      <SignedInConsole />
    </LiveFeedProvider>
  );
}
