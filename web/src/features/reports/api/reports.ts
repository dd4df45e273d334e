import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf, QueryOf, ResponseOf } from '../../../lib/api-types.js';

/** GET /api/reports/summary — a unit's totals, one line per direct sub-unit, the QĐ 766 indicators. */
export type Summary = ResponseOf<'/api/reports/summary', 'get'>;
export type SummaryLine = Summary['children'][number];
export function getSummary(query: QueryOf<'/api/reports/summary', 'get'>): Promise<Summary> {
  return unwrap(api.GET('/api/reports/summary', { params: { query } }));
}

/** GET /api/reports/trend — received, resolved and rates per day or month. */
export type Trend = ResponseOf<'/api/reports/trend', 'get'>;
export function getTrend(query: QueryOf<'/api/reports/trend', 'get'>): Promise<Trend> {
  return unwrap(api.GET('/api/reports/trend', { params: { query } }));
}

/** GET /api/reports/period — Biểu 06/VPCP/KSTT rows. */
export type PeriodReport = ResponseOf<'/api/reports/period', 'get'>;
export type PeriodQuery = QueryOf<'/api/reports/period', 'get'>;
export function getPeriodReport(query: PeriodQuery): Promise<PeriodReport> {
  return unwrap(api.GET('/api/reports/period', { params: { query } }));
}

/** GET /api/reports/period/file — the same as Excel or PDF (a download link). */
export function periodFileUrl(query: PeriodQuery, format: 'xlsx' | 'pdf'): string {
  const q = new URLSearchParams({ unitId: query.unitId, from: query.from, to: query.to, by: query.by ?? 'unit', format });
  return `/api/reports/period/file?${q.toString()}`;
}

/** GET /api/reports/daily — stored daily quick reports in scope. */
export type DailyItem = ResponseOf<'/api/reports/daily', 'get'>[number];
export function listDaily(): Promise<DailyItem[]> {
  return unwrap(api.GET('/api/reports/daily', { params: { query: {} } }));
}

/** POST /api/reports/daily/run — produce today's report of one unit now ("Lập ngay"). */
export function runDaily(unitId: string): Promise<ResponseOf<'/api/reports/daily/run', 'post'>> {
  return unwrap(api.POST('/api/reports/daily/run', { body: { unitId } }));
}

/** GET /api/reports/daily/:id — the figures of a stored daily report, to show on screen. */
export type DailyData = ResponseOf<'/api/reports/daily/{id}', 'get'>;
export type DailyFigures = DailyData['total'];
export function getDaily(id: string): Promise<DailyData> {
  return unwrap(api.GET('/api/reports/daily/{id}', { params: { path: { id } } }));
}

/** GET /api/reports/daily/:id/file — a stored daily report as Excel or PDF (a download link). */
export function dailyFileUrl(id: string, format: 'xlsx' | 'pdf'): string {
  return `/api/reports/daily/${encodeURIComponent(id)}/file?format=${format}`;
}

/** GET /api/reports/ranking — progress against the yearly target, ranked. */
export type Ranking = ResponseOf<'/api/reports/ranking', 'get'>;
export type TargetIndicator = Ranking['indicator'];
export function getRanking(query: QueryOf<'/api/reports/ranking', 'get'>): Promise<Ranking> {
  return unwrap(api.GET('/api/reports/ranking', { params: { query } }));
}

/** PUT /api/reports/targets — set a unit's yearly target. */
export async function setTarget(body: BodyOf<'/api/reports/targets', 'put'>): Promise<void> {
  await unwrap(api.PUT('/api/reports/targets', { body }));
}

export type StepTimes = ResponseOf<'/api/reports/step-times', 'get'>;
/** GET /api/reports/step-times — working time per step, unit and officer, from the dossier ledger. */
export function getStepTimes(query: QueryOf<'/api/reports/step-times', 'get'>): Promise<StepTimes> {
  return unwrap(api.GET('/api/reports/step-times', { params: { query } }));
}

/** GET /api/feedback/report/group5 — QĐ 766 group 5 (feedback) of a unit and period, for the dashboard. */
export type Group5 = ResponseOf<'/api/feedback/report/group5', 'get'>;
export function getGroup5(query: QueryOf<'/api/feedback/report/group5', 'get'>): Promise<Group5> {
  return unwrap(api.GET('/api/feedback/report/group5', { params: { query } }));
}
