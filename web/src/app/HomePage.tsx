import { Card, Col, Row, Tag, Typography } from 'antd';
import type { Me } from '../features/identity/api/sign-in.js';
import { t } from '../lib/i18n.js';
import { roleLabel } from '../lib/labels.js';
import { Link } from '../lib/router.js';
import { DeskCounts } from '../features/dossiers/components/DeskCounts.js';
import { paths } from './paths.js';
import { rolePermissions } from '../../../server/src/modules/identity/permissions.policy.js';

/** The console's start page: who is signed in, with which roles where, and the screens they may open. */
export function HomePage({ me }: { me: Me }) {
  const cards = [
    { to: paths.intake, title: t('nav.intake'), text: t('home.intake'), permission: 'dossiers.receive' },
    { to: paths.queueTickets, title: t('desk.ticketsNav'), text: t('desk.ticketsTitle'), permission: 'dossiers.receive' },
    { to: paths.dossiers, title: t('nav.dossiers'), text: t('home.dossiers'), permission: 'dossiers.read' },
    { to: paths.reconciliation, title: t('nav.reconciliation'), text: t('home.reconciliation'), permission: 'dossiers.receive' },
    { to: paths.satisfaction, title: t('nav.satisfaction'), text: t('home.satisfaction'), permission: 'dossiers.read' },
    { to: paths.feedback, title: t('nav.feedback'), text: t('home.feedback'), permission: 'dossiers.read' },
    { to: paths.reports, title: t('nav.reports'), text: t('home.reports'), permission: 'reports.read' },
    { to: paths.nationalSync, title: t('nav.nationalSync'), text: t('home.nationalSync'), permission: 'reports.read' },
    { to: paths.portal, title: t('nav.portal'), text: t('home.portal') },
    { to: paths.procedures, title: t('nav.procedures'), text: t('home.procedures'), permission: 'catalog.read' },
    { to: paths.units, title: t('nav.units'), text: t('home.units') },
    { to: paths.users, title: t('nav.users'), text: t('home.users'), permission: 'users.manage' },
    { to: paths.staffLinks, title: t('nav.staffLinks'), text: t('home.staffLinks'), permission: 'users.manage' },
    { to: paths.calendar, title: t('nav.calendar'), text: t('home.calendar') },
  ].filter((c) => !c.permission || me.permissions.includes(c.permission));
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 22 }}>
        {t('home.welcome', { name: me.fullName })}
      </Typography.Title>
      <Typography.Paragraph>
        {t('home.roles')}{' '}
        {me.grants.map((g) => (
          <Tag key={`${g.role}-${g.unitId}`} color={g.role === 'admin' ? 'red' : 'blue'}>
            {roleLabel(g.role)} · {g.unitName}
          </Tag>
        ))}
      </Typography.Paragraph>
      {me.permissions.includes('dossiers.read') ? <DeskCounts listPath={paths.dossiers} canReceive={me.permissions.includes('dossiers.receive')} units={dossierUnits(me.grants)} /> : null}
      <Row gutter={[16, 16]}>
        {cards.map((c) => (
          <Col key={c.to} xs={24} md={12} xl={6}>
            <Card title={<Link to={c.to}>{c.title}</Link>} size="small">
              {c.text}
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}

/** The officer's units where they read dossiers (each once), for the counts per unit. */
function dossierUnits(grants: { role: keyof typeof rolePermissions; unitId: string; unitName: string }[]): { id: string; name: string }[] {
  const reading = grants.filter((g) => (rolePermissions[g.role] as readonly string[]).includes('dossiers.read'));
  return [...new Map(reading.map((g) => [g.unitId, { id: g.unitId, name: g.unitName }])).values()];
}
