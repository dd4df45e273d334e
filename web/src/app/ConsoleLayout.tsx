import { ApartmentOutlined, ApiOutlined, AuditOutlined, BarChartOutlined, CalendarOutlined, CarOutlined, CloudSyncOutlined, FileAddOutlined, FileTextOutlined, GlobalOutlined, HomeOutlined, IdcardOutlined, LikeOutlined, LinkOutlined, LogoutOutlined, MessageOutlined, NotificationOutlined, ReadOutlined, SolutionOutlined, TeamOutlined, TransactionOutlined, UserOutlined } from '@ant-design/icons';
import { useState, type ReactNode } from 'react';
import { App, Button, Dropdown, Flex, Layout, Menu, Typography } from 'antd';
import { errorText } from '../lib/api-client.js';
import { signOut } from '../features/identity/api/sign-out.js';
import type { Me } from '../features/identity/api/sign-in.js';
import { getLang, setLang, t } from '../lib/i18n.js';
import { navigate, useLocation } from '../lib/router.js';
import { paths } from './paths.js';
import { DeskShortcuts } from './DeskShortcuts.js';

type Item = { key: string; icon: ReactNode; label: string; permission?: string };

/** The console frame: menu by permission, the officer's name, language switch and sign-out. */
export function ConsoleLayout({ me, onSignedOut, children }: { me: Me; onSignedOut: () => void; children: ReactNode }) {
  const { pathname } = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const { message } = App.useApp();

  const items: Item[] = [
    { key: paths.home, icon: <HomeOutlined />, label: t('nav.home') },
    { key: paths.intake, icon: <FileAddOutlined />, label: t('nav.intake'), permission: 'dossiers.receive' },
    { key: paths.dossiers, icon: <AuditOutlined />, label: t('nav.dossiers'), permission: 'dossiers.read' },
    { key: paths.queueTickets, icon: <NotificationOutlined />, label: t('desk.ticketsNav'), permission: 'dossiers.receive' },
    { key: paths.postal, icon: <CarOutlined />, label: t('nav.postal'), permission: me.permissions.includes('postal.work') ? 'postal.work' : 'dossiers.receive' },
    { key: paths.verifyId, icon: <IdcardOutlined />, label: t('nav.verifyId'), permission: 'dossiers.receive' },
    { key: paths.reconciliation, icon: <TransactionOutlined />, label: t('nav.reconciliation'), permission: 'dossiers.receive' },
    { key: paths.satisfaction, icon: <LikeOutlined />, label: t('nav.satisfaction'), permission: 'dossiers.read' },
    { key: paths.feedback, icon: <MessageOutlined />, label: t('nav.feedback'), permission: 'dossiers.read' },
    { key: paths.reports, icon: <BarChartOutlined />, label: t('nav.reports'), permission: 'reports.read' },
    { key: paths.nationalSync, icon: <CloudSyncOutlined />, label: t('nav.nationalSync'), permission: 'reports.read' },
    { key: paths.webhooks, icon: <ApiOutlined />, label: t('nav.webhooks'), permission: 'units.manage' },
    { key: paths.populationLookups, icon: <SolutionOutlined />, label: t('nav.populationLookups'), permission: me.permissions.includes('audit.read') ? 'audit.read' : 'dossiers.receive' },
    { key: paths.portal, icon: <ReadOutlined />, label: t('nav.portal') },
    { key: paths.procedures, icon: <FileTextOutlined />, label: t('nav.procedures'), permission: 'catalog.read' },
    { key: paths.units, icon: <ApartmentOutlined />, label: t('nav.units') },
    { key: paths.users, icon: <TeamOutlined />, label: t('nav.users'), permission: 'users.manage' },
    { key: paths.staffLinks, icon: <LinkOutlined />, label: t('nav.staffLinks'), permission: 'users.manage' },
    { key: paths.calendar, icon: <CalendarOutlined />, label: t('nav.calendar') },
  ];
  const visible = items.filter((i) => !i.permission || me.permissions.includes(i.permission));
  // The longest matching key wins: /console/ho-so/tiep-nhan is the intake, not the dossier list.
  const selected =
    visible
      .filter((i) => pathname === i.key || (i.key !== paths.home && pathname.startsWith(`${i.key}/`)))
      .sort((a, b) => b.key.length - a.key.length)[0]?.key ?? paths.home;

  const handleSignOut = async () => {
    try {
      await signOut();
    } catch (err) {
      message.error(errorText(err));
    }
    onSignedOut();
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} collapsed={collapsed} onCollapse={setCollapsed} width={232} theme="light" className="console-sider">
        <div className="brand">
          <span className="brand-mark" aria-hidden>
            ★
          </span>
          <span>{t('app.short')}</span>
        </div>
        <nav aria-label={t('nav.label')}>
          <Menu
            mode="inline"
            selectedKeys={[selected]}
            items={visible.map(({ key, icon, label }) => ({ key, icon, label: <a href={key} onClick={(e) => e.preventDefault()}>{label}</a> }))}
            onClick={({ key }) => {
              navigate(key);
              if (window.innerWidth < 992) setCollapsed(true);
            }}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="console-header">
          <Typography.Text className="header-title">{t('app.title')}</Typography.Text>
          <Flex gap={8} align="center">
            <DeskShortcuts permissions={me.permissions} />
            <Button type="text" icon={<GlobalOutlined />} onClick={() => setLang(getLang() === 'vi' ? 'en' : 'vi')} aria-label={t('nav.language')}>
              {getLang() === 'vi' ? 'EN' : 'VI'}
            </Button>
            <Dropdown
              menu={{
                items: [
                  { key: 'grants', disabled: true, label: <span className="grant-list">{me.grants.map((g) => `${t(`role.${g.role}`)} · ${g.unitName}`).join('\n')}</span> },
                  { type: 'divider' },
                  { key: 'signout', icon: <LogoutOutlined />, label: t('nav.signOut'), onClick: () => void handleSignOut() },
                ],
              }}
            >
              <Button type="text" icon={<UserOutlined />}>
                {me.fullName}
              </Button>
            </Dropdown>
          </Flex>
        </Layout.Header>
        {/* antd renders Layout.Content as the page's <main> landmark. */}
        <Layout.Content id="main" tabIndex={-1} className="console-content">
          {children}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
