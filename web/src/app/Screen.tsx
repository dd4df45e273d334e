import { lazy, Suspense, type ComponentType } from 'react';
import { Spin } from 'antd';
import type { Me } from '../features/identity/api/sign-in.js';
import { t } from '../lib/i18n.js';
import { matchPath } from '../lib/router.js';
import { paths } from './paths.js';

/**
 * Every screen is its own chunk, loaded on first visit: the console's first load is the frame, the sign-in page and
 * React + the antd components they use (budget 300 KB gzip, e2e/web-weight.spec.ts); ECharts, TipTap and each
 * feature's antd components come with the screen that needs them.
 */
function screen<M, K extends keyof M>(load: () => Promise<M>, name: K) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- React.lazy's own bound; each screen keeps its props type below.
  return lazy(() => load().then((m) => ({ default: m[name] as ComponentType<any> }))) as unknown as M[K];
}

const Forbidden = screen(() => import('./Refusals.js'), 'Forbidden');
const NotFound = screen(() => import('./Refusals.js'), 'NotFound');
const HomePage = screen(() => import('./HomePage.js'), 'HomePage');
const UsersPage = screen(() => import('../features/identity/components/UsersPage.js'), 'UsersPage');
const UnitsPage = screen(() => import('../features/org-units/components/UnitsPage.js'), 'UnitsPage');
const DossierDetailPage = screen(() => import('../features/dossiers/components/DossierDetailPage.js'), 'DossierDetailPage');
const IntakePage = screen(() => import('../features/dossiers/components/IntakePage.js'), 'IntakePage');
const QueuePage = screen(() => import('../features/dossiers/components/QueuePage.js'), 'QueuePage');
const ProcedureDetailPage = screen(() => import('../features/procedures/components/ProcedureDetailPage.js'), 'ProcedureDetailPage');
const ProcedureEditorPage = screen(() => import('../features/procedures/components/ProcedureEditorPage.js'), 'ProcedureEditorPage');
const ProceduresPage = screen(() => import('../features/procedures/components/ProceduresPage.js'), 'ProceduresPage');
const PostalPage = screen(() => import('../features/postal/components/PostalPage.js'), 'PostalPage');
const CalendarPage = screen(() => import('../features/working-calendar/components/CalendarPage.js'), 'CalendarPage');
const FeeCard = screen(() => import('../features/payments/components/FeeCard.js'), 'FeeCard');
const ReconciliationPage = screen(() => import('../features/payments/components/ReconciliationPage.js'), 'ReconciliationPage');
const SatisfactionPage = screen(() => import('../features/satisfaction/components/SatisfactionPage.js'), 'SatisfactionPage');
const FeedbackDetailPage = screen(() => import('../features/feedback/components/FeedbackDetailPage.js'), 'FeedbackDetailPage');
const FeedbackPage = screen(() => import('../features/feedback/components/FeedbackPage.js'), 'FeedbackPage');
const NationalSyncPage = screen(() => import('../features/national-portal/components/NationalSyncPage.js'), 'NationalSyncPage');
const NationalSyncCounts = screen(() => import('../features/national-portal/components/NationalSyncPage.js'), 'NationalSyncCounts');
const StaffLinksPage = screen(() => import('../features/national-portal/components/StaffLinksPage.js'), 'StaffLinksPage');
const VerifyIdPage = screen(() => import('../features/citizens/components/VerifyIdPage.js'), 'VerifyIdPage');
const SignersPage = screen(() => import('../features/org-units/components/SignersPage.js'), 'SignersPage');
const PopulationLookupsPage = screen(() => import('../features/population-data/components/PopulationLookupsPage.js'), 'PopulationLookupsPage');
const WebhooksPage = screen(() => import('../features/webhooks/components/WebhooksPage.js'), 'WebhooksPage');
const QueueTicketsPage = screen(() => import('../features/queue-tickets/components/QueueTicketsPage.js'), 'QueueTicketsPage');
const InfoPortalScreen = screen(() => import('../features/info-portal/components/InfoPortalScreen.js'), 'InfoPortalScreen');
const ReportsPage = screen(() => import('../features/reports/components/ReportsPage.js'), 'ReportsPage');

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


/** Picks the screen for a console URL; features are composed here and never import each other. */
export function Screen({ me, pathname }: { me: Me; pathname: string }) {
  return <Suspense fallback={<Spin aria-label={t('common.loading')} />}>{screenFor(me, pathname)}</Suspense>;
}

function screenFor(me: Me, pathname: string) {
  const has = (p: string) => me.permissions.includes(p);
  const path = pathname.replace(/\/+$/, '') || '/';

  if (path === paths.home || path === '/console/dang-nhap') return <HomePage me={me} />;
  if (path === paths.units) return <UnitsPage canManage={has('units.manage')} signersPath={paths.unitSigners} />;
  const signersUnitId = matchPath('/console/don-vi/:id/nguoi-ky', path)?.id;
  if (signersUnitId) return has('units.manage') ? <SignersPage key={signersUnitId} unitId={signersUnitId} unitsPath={paths.units} /> : <Forbidden />;
  if (path === paths.staffLinks) return has('users.manage') ? <StaffLinksPage /> : <Forbidden />;
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
  if (path === paths.populationLookups) {
    if (!has('audit.read') && !has('dossiers.receive')) return <Forbidden />;
    // The units of the officer's grants; the server answers only for those where they may read the log.
    const units = [...new Map(me.grants.filter((g) => g.role !== 'postal').map((g) => [g.unitId, { unitId: g.unitId, unitName: g.unitName }])).values()];
    return <PopulationLookupsPage units={units} />;
  }
  if (path === paths.nationalSync) return has('reports.read') ? <NationalSyncPage canResend={has('reports.manage')} dossierPath={paths.dossier} /> : <Forbidden />;
  if (path === paths.webhooks) return has('units.manage') ? <WebhooksPage managedUnits={me.grants.filter((g) => g.role === 'admin').map((g) => ({ unitId: g.unitId, unitName: g.unitName }))} /> : <Forbidden />;
  if (path === paths.satisfaction) return has('dossiers.read') ? <SatisfactionPage path={paths.satisfaction} scopeUnitIds={readingUnits(me)} desks={deskUnits(me)} dossierPath={paths.dossier} /> : <Forbidden />;
  if (path === paths.feedback) return has('dossiers.read') ? <FeedbackPage itemPath={paths.feedbackItem} desks={deskUnits(me)} /> : <Forbidden />;
  const feedbackId = matchPath('/console/phan-anh/:id', path)?.id;
  if (feedbackId) return has('dossiers.read') ? <FeedbackDetailPage key={feedbackId} id={feedbackId} listPath={paths.feedback} /> : <Forbidden />;
  if (path === paths.reports) {
    const grant = me.grants.find((g) => ['admin', 'leader', 'head', 'inspector'].includes(g.role));
    if (!has('reports.read') || !grant) return <Forbidden />;
    return <ReportsPage unitId={grant.unitId} unitName={grant.unitName} canManage={has('reports.manage')} dashboardExtra={<NationalSyncCounts />} />;
  }
  if (path === paths.portal || path.startsWith(`${paths.portal}/`)) {
    // The editor (TipTap) loads only here.
    const managedUnits = me.grants.filter((g) => g.role === 'admin').map((g) => ({ unitId: g.unitId, unitName: g.unitName }));
    return <InfoPortalScreen path={path} base={paths.portal} managedUnits={managedUnits} />;
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
  return <NotFound />;
}
