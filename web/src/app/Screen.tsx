import { lazy, Suspense } from 'react';
import { Result, Spin } from 'antd';
import type { Me } from '../features/identity/api/sign-in.js';
import { UsersPage } from '../features/identity/components/UsersPage.js';
import { UnitsPage } from '../features/org-units/components/UnitsPage.js';
import { DossierDetailPage } from '../features/dossiers/components/DossierDetailPage.js';
import { IntakePage } from '../features/dossiers/components/IntakePage.js';
import { QueuePage } from '../features/dossiers/components/QueuePage.js';
import { ProcedureDetailPage } from '../features/procedures/components/ProcedureDetailPage.js';
import { ProcedureEditorPage } from '../features/procedures/components/ProcedureEditorPage.js';
import { ProceduresPage } from '../features/procedures/components/ProceduresPage.js';
import { PostalPage } from '../features/postal/components/PostalPage.js';
import { CalendarPage } from '../features/working-calendar/components/CalendarPage.js';
import { FeeCard } from '../features/payments/components/FeeCard.js';
import { ReconciliationPage } from '../features/payments/components/ReconciliationPage.js';
import { SatisfactionPage } from '../features/satisfaction/components/SatisfactionPage.js';
import { FeedbackDetailPage } from '../features/feedback/components/FeedbackDetailPage.js';
import { FeedbackPage } from '../features/feedback/components/FeedbackPage.js';
import { NationalSyncCounts, NationalSyncPage } from '../features/national-portal/components/NationalSyncPage.js';
import { VerifyIdPage } from '../features/citizens/components/VerifyIdPage.js';
import { QueueTicketsPage } from '../features/queue-tickets/components/QueueTicketsPage.js';
import { t } from '../lib/i18n.js';
import { matchPath } from '../lib/router.js';
import { HomePage } from './HomePage.js';
import { paths } from './paths.js';

// Loaded on first visit, so ECharts stays out of the console's first load.
const InfoPortalScreen = lazy(() => import('../features/info-portal/components/InfoPortalScreen.js').then((m) => ({ default: m.InfoPortalScreen })));
const ReportsPage = lazy(() => import('../features/reports/components/ReportsPage.js').then((m) => ({ default: m.ReportsPage })));

/** The first unit where the officer holds a role that may manage the catalogue (admin). */
function managingUnitId(me: Me): string | undefined {
  return me.grants.find((g) => g.role === 'admin')?.unitId;
}

/** The one-stop desks where the officer receives dossiers (the desk officer role holds dossiers.receive). */
function deskUnits(me: Me) {
  return me.grants.filter((g) => g.role === 'desk_officer').map((g) => ({ unitId: g.unitId, unitName: g.unitName }));
}

/** The units where the officer reads dossiers (every role but the administrator and the postal worker holds dossiers.read). */
function readingUnits(me: Me): string[] {
  return [...new Set(me.grants.filter((g) => g.role !== 'admin' && g.role !== 'postal').map((g) => g.unitId))];
}

function Forbidden() {
  return <Result status="403" title={t('common.forbiddenTitle')} subTitle={t('common.forbidden')} />;
}

/** Picks the screen for a console URL; features are composed here and never import each other. */
export function Screen({ me, pathname }: { me: Me; pathname: string }) {
  const has = (p: string) => me.permissions.includes(p);
  const path = pathname.replace(/\/+$/, '') || '/';

  if (path === paths.home || path === '/console/dang-nhap') return <HomePage me={me} />;
  if (path === paths.units) return <UnitsPage canManage={has('units.manage')} />;
  if (path === paths.users) return has('users.manage') ? <UsersPage /> : <Forbidden />;
  if (path === paths.calendar) return <CalendarPage canManage={has('calendar.manage')} />;
  if (path === paths.intake) return has('dossiers.receive') ? <IntakePage desks={deskUnits(me)} dossierPath={paths.dossier} /> : <Forbidden />;
  if (path === paths.dossiers || path.startsWith(`${paths.dossiers}/`)) {
    if (!has('dossiers.read')) return <Forbidden />;
    if (path === paths.dossiers) return <QueuePage listPath={paths.dossiers} intakePath={has('dossiers.receive') ? paths.intake : undefined} dossierPath={paths.dossier} />;
    const dossierId = matchPath('/console/ho-so/:id', path)?.id;
    if (dossierId) return <DossierDetailPage key={dossierId} id={dossierId} listPath={paths.dossiers} feeCard={(d) => <FeeCard dossierId={d.id} dossierStatus={d.status} canCollect={has('dossiers.receive')} />} />;
  }
  if (path === paths.queueTickets) return has('dossiers.receive') ? <QueueTicketsPage desks={deskUnits(me)} screenPath={paths.hallScreen} /> : <Forbidden />;
  if (path === paths.verifyId) return has('dossiers.receive') ? <VerifyIdPage desks={deskUnits(me)} /> : <Forbidden />;
  if (path === paths.postal) return has('postal.work') || has('dossiers.receive') ? <PostalPage canWork={has('postal.work')} desks={deskUnits(me)} dossierPath={paths.dossier} /> : <Forbidden />;
  if (path === paths.reconciliation) return has('dossiers.receive') ? <ReconciliationPage desks={deskUnits(me)} dossierSearchPath={(code) => `${paths.dossiers}?queue=all&q=${encodeURIComponent(code)}`} /> : <Forbidden />;
  if (path === paths.nationalSync) return has('reports.read') ? <NationalSyncPage canResend={has('reports.manage')} dossierPath={paths.dossier} /> : <Forbidden />;
  if (path === paths.satisfaction) return has('dossiers.read') ? <SatisfactionPage path={paths.satisfaction} scopeUnitIds={readingUnits(me)} desks={deskUnits(me)} /> : <Forbidden />;
  if (path === paths.feedback) return has('dossiers.read') ? <FeedbackPage itemPath={paths.feedbackItem} desks={deskUnits(me)} /> : <Forbidden />;
  const feedbackId = matchPath('/console/phan-anh/:id', path)?.id;
  if (feedbackId) return has('dossiers.read') ? <FeedbackDetailPage key={feedbackId} id={feedbackId} listPath={paths.feedback} /> : <Forbidden />;
  if (path === paths.reports) {
    const grant = me.grants.find((g) => ['admin', 'leader', 'head', 'inspector'].includes(g.role));
    if (!has('reports.read') || !grant) return <Forbidden />;
    return (
      <Suspense fallback={<Spin aria-label={t('common.loading')} />}>
        <ReportsPage unitId={grant.unitId} unitName={grant.unitName} canManage={has('reports.manage')} dashboardExtra={<NationalSyncCounts />} />
      </Suspense>
    );
  }
  if (path === paths.portal || path.startsWith(`${paths.portal}/`)) {
    // The editor (TipTap) loads only here.
    const managedUnits = me.grants.filter((g) => g.role === 'admin').map((g) => ({ unitId: g.unitId, unitName: g.unitName }));
    return (
      <Suspense fallback={<Spin aria-label={t('common.loading')} />}>
        <InfoPortalScreen path={path} base={paths.portal} managedUnits={managedUnits} />
      </Suspense>
    );
  }
  if (path.startsWith(paths.procedures) && !has('catalog.read')) return <Forbidden />;
  if (path === paths.procedures) return <ProceduresPage canManage={has('procedures.manage')} defaultUnitId={managingUnitId(me)} detailPath={paths.procedure} createPath={paths.procedureNew} />;
  if (path === paths.procedureNew) {
    return has('procedures.manage') ? <ProcedureEditorPage defaultOwnerUnitId={managingUnitId(me)} detailPath={paths.procedure} listPath={paths.procedures} /> : <Forbidden />;
  }
  const editId = matchPath('/console/thu-tuc/:id/sua', path)?.id;
  if (editId) return <ProcedureEditorPage key={editId} id={editId} detailPath={paths.procedure} listPath={paths.procedures} />;
  const detailId = matchPath('/console/thu-tuc/:id', path)?.id;
  if (detailId) return <ProcedureDetailPage key={detailId} id={detailId} editPath={paths.procedureEdit} listPath={paths.procedures} />;
  return <Result status="404" title="404" subTitle={t('common.notFound')} />;
}
