import { currentStepLabel, dossierActions, dossierStatuses, type DossierAction, type DossierStatus } from '../../../../../server/src/modules/dossiers/dossier.rules.js';
import { actionSpec, statusInfo } from '../../../../../server/src/modules/dossiers/dossier-actions.rules.js';
import { getLang, t } from '../../../lib/i18n.js';
import { vi, type MessageKey } from '../../../lib/messages.vi.js';
import type { Queue } from '../api/list-dossiers.js';

/** Statuses come from the server's rules table (STYLE.md R2), so a new status cannot be missed in the filters. */
export { dossierStatuses };

export const queues = ['mine', 'unit', 'online', 'due_soon', 'overdue', 'needs_apology', 'supplement', 'result_ready', 'all'] as const satisfies readonly Queue[];
export const channels = ['desk', 'online', 'postal'] as const;
export const resultDeliveries = ['desk', 'post', 'online'] as const;

/** The label of an API value under a dictionary prefix; an unknown value (a newer server) shows as it is. */
function labelOf(prefix: string, value: string | null | undefined): string {
  if (!value) return '';
  const key = `${prefix}.${value}`;
  return key in vi ? t(key as MessageKey) : value;
}

const isStatus = (s: string): s is DossierStatus => (dossierStatuses as readonly string[]).includes(s);
const isAction = (a: string): a is DossierAction => (dossierActions as readonly string[]).includes(a);

// Statuses and actions are named by the server's one table (dossier-actions.rules.ts), in the console's language.
export const statusLabel = (s: string) => (isStatus(s) ? (getLang() === 'en' ? statusInfo[s].labelEn : statusInfo[s].label) : s);
// Log entries outside the state machine (a scan attached, the delivery changed…) have labels in the dictionaries.
export const actionLabel = (a: string) => (isAction(a) ? (getLang() === 'en' ? actionSpec[a].labelEn : actionSpec[a].label) : labelOf('dossierAction', a));
export const queueLabel = (q: Queue) => t(`queue.${q}`);
export const channelLabel = (c: string) => labelOf('channel', c);
export const deliveryLabel = (d: string) => labelOf('delivery', d);
export const applicantKindLabel = (k: string) => labelOf('applicantKind', k);
export const fileKindLabel = (k: string) => labelOf('fileKind', k);
export const deadlineLabel = (d: string) => labelOf('deadline', d);
export const finishLabel = (f: string) => labelOf('finish', f);
/** The step the dossier is at, as the server's rule names it ("Chưa tiếp nhận", "Trả kết quả", the step's name). */
export const currentStep = (d: { status: string; stepName: string | null }) => (isStatus(d.status) ? currentStepLabel({ status: d.status, stepName: d.stepName }, getLang() === 'en' ? 'en' : 'vi') : (d.stepName ?? ''));

export const statusColor = (s: string): string => (isStatus(s) ? statusInfo[s].colour : 'default');

/** On track green, due soon orange, overdue red; a paused dossier (awaiting supplementation) is neutral. */
const deadlineColors: Record<string, string> = { on_track: 'green', due_soon: 'orange', overdue: 'red', paused: 'default' };
export const deadlineColor = (d: string) => deadlineColors[d] ?? 'default';
const finishColors: Record<string, string> = { early: 'green', on_time: 'green', late: 'red' };
export const finishColor = (f: string) => finishColors[f] ?? 'default';

