/**
 * The one table of dossier actions and statuses, shared by the server (state machine, policy, input checks,
 * notifications), the SQL predicates and the console (buttons, forms, colours). Adding an action is one entry here
 * plus its handler in use-cases/actions/. Legal frame as in dossier.rules.ts.
 */
import type { DossierAction, DossierStatus } from './dossier.rules.js';

/**
 * What a status means for the legal clock and the dossier's life. `clock`: running (the time counts), paused
 * (waiting for supplementation, ND 61/2018 Điều 19 k4) or none. `phase`: intake (not yet received), open (being
 * resolved), result (result ready, not handed out), closed (no action possible).
 */
export type StatusInfo = { label: string; labelEn: string; nationalCode: number; clock: 'running' | 'paused' | 'none'; phase: 'intake' | 'open' | 'result' | 'closed'; colour: string };

/** National portal status codes (TrangThaiHoSo, vn-legal.md §1.10). */
export const statusInfo = {
  awaiting_acceptance: { label: 'Chờ tiếp nhận', labelEn: 'Awaiting acceptance', nationalCode: 1, clock: 'none', phase: 'intake', colour: 'purple' },
  not_accepted: { label: 'Không được tiếp nhận', labelEn: 'Not accepted', nationalCode: 3, clock: 'none', phase: 'closed', colour: 'default' },
  received: { label: 'Đã tiếp nhận', labelEn: 'Received', nationalCode: 2, clock: 'running', phase: 'open', colour: 'blue' },
  processing: { label: 'Đang xử lý', labelEn: 'Processing', nationalCode: 4, clock: 'running', phase: 'open', colour: 'geekblue' },
  interagency: { label: 'Đang xử lý liên thông', labelEn: 'In inter-agency processing', nationalCode: 4, clock: 'running', phase: 'open', colour: 'geekblue' },
  supplement_requested: { label: 'Chờ bổ sung hồ sơ', labelEn: 'Awaiting supplementation', nationalCode: 5, clock: 'paused', phase: 'open', colour: 'gold' },
  result_ready: { label: 'Đã có kết quả, chờ trả', labelEn: 'Result ready for return', nationalCode: 9, clock: 'none', phase: 'result', colour: 'cyan' },
  returned: { label: 'Đã trả kết quả', labelEn: 'Result returned', nationalCode: 10, clock: 'none', phase: 'closed', colour: 'green' },
  withdrawn: { label: 'Đã rút hồ sơ', labelEn: 'Withdrawn', nationalCode: 7, clock: 'none', phase: 'closed', colour: 'default' },
  stopped: { label: 'Dừng xử lý', labelEn: 'Stopped', nationalCode: 8, clock: 'none', phase: 'closed', colour: 'default' },
  refused: { label: 'Từ chối giải quyết', labelEn: 'Refused', nationalCode: 8, clock: 'none', phase: 'closed', colour: 'red' },
} as const satisfies Record<DossierStatus, StatusInfo>;

/** The statuses that satisfy a test on their info, in table order: `statusesWhere((s) => s.clock === 'running')`. */
export function statusesWhere(test: (s: StatusInfo) => boolean): DossierStatus[] {
  return (Object.keys(statusInfo) as DossierStatus[]).filter((k) => test(statusInfo[k]));
}

/** The legal clock runs (deadline tags, overdue scan). */
export const runningStatuses = statusesWhere((s) => s.clock === 'running');
/** The result is not out yet: open, or ready at the desk (the citizen may still choose delivery by post). */
export const unreturnedStatuses = statusesWhere((s) => s.phase === 'open' || s.phase === 'result');

/** A SQL predicate `<column> IN ('a', 'b')` from a status set of this table (the literals come from the table only). */
export function statusIn(column: string, statuses: readonly DossierStatus[]): string {
  if (!/^[a-z_.]+$/.test(column)) throw new Error(`bad column ${column}`);
  return `${column} IN (${statuses.map((s) => `'${s}'`).join(', ')})`;
}

/** The notifications the applicant receives (notification.templates.ts keys). */
export type ApplicantNotice = 'dossier.accepted' | 'dossier.supplementation-requested' | 'dossier.apology' | 'dossier.result-ready' | 'dossier.refused';

/**
 * Who may take an action (dossier.policy.ts reads it): `desk` the one-stop desk of the receiving or resolving unit;
 * `step` the officer of the current step's role (or a head or leader over it); `head` a head or leader over the step
 * (ND 61/2018 Điều 19 k1: người đứng đầu phân công); `agency` the desk or a head or leader of the resolving unit
 * (the apology, Điều 19 k9); `partner` an officer of the inter-agency unit holding the dossier (Điều 19 k6–7);
 * `approver` the holder of the approving role (the last step's head or leader role) at the step's unit or above it —
 * the leader signs the result, nobody else (dossier.policy.ts).
 */
export type ActionWho = 'desk' | 'step' | 'head' | 'agency' | 'partner' | 'approver';

/** The status after the action: a fixed one, the same, or `by_step` (received at the desk's step 0, processing after it). */
export type ActionTarget = DossierStatus | 'same' | 'by_step';

export type ActionSpec = {
  label: string;
  labelEn: string;
  from: readonly DossierStatus[];
  to: ActionTarget;
  who: ActionWho;
  /** The note is the reason the law asks for (shown to the citizen when `citizenFacing`). */
  note: 'required' | 'optional';
  /** The one extra input the action needs, if any (the console renders its field from this). */
  needs: 'backTo' | 'newDueAt' | 'targetUnitId' | 'assigneeId' | 'receivedBy' | null;
  notifies: ApplicantNotice | null;
  /** Whether the citizen is told the note (reasons, requests); internal notes stay internal. */
  citizenFacing: boolean;
  tone: 'primary' | 'default' | 'danger';
  /** Where the console sends it: the general actions endpoint, or the online intake decision. */
  endpoint: 'actions' | 'online-decision';
};

export const actionSpec = {
  accept: { label: 'Tiếp nhận', labelEn: 'Accept', from: ['awaiting_acceptance'], to: 'received', who: 'desk', note: 'optional', needs: null, notifies: 'dossier.accepted', citizenFacing: true, tone: 'primary', endpoint: 'online-decision' },
  reject_intake: { label: 'Không tiếp nhận', labelEn: 'Do not accept', from: ['awaiting_acceptance'], to: 'not_accepted', who: 'desk', note: 'required', needs: null, notifies: null, citizenFacing: true, tone: 'danger', endpoint: 'online-decision' },
  claim: { label: 'Nhận xử lý', labelEn: 'Take over', from: ['received', 'processing'], to: 'same', who: 'step', note: 'optional', needs: null, notifies: null, citizenFacing: false, tone: 'default', endpoint: 'actions' },
  assign: { label: 'Phân công xử lý', labelEn: 'Assign', from: ['received', 'processing'], to: 'same', who: 'head', note: 'optional', needs: 'assigneeId', notifies: null, citizenFacing: false, tone: 'default', endpoint: 'actions' },
  forward: { label: 'Chuyển bước tiếp theo', labelEn: 'Forward to next step', from: ['received', 'processing'], to: 'processing', who: 'step', note: 'optional', needs: null, notifies: null, citizenFacing: false, tone: 'primary', endpoint: 'actions' },
  send_back: { label: 'Trả lại bước trước', labelEn: 'Send back', from: ['processing'], to: 'by_step', who: 'step', note: 'required', needs: 'backTo', notifies: null, citizenFacing: false, tone: 'default', endpoint: 'actions' },
  transfer: { label: 'Chuyển liên thông', labelEn: 'Transfer to another agency', from: ['processing'], to: 'interagency', who: 'step', note: 'optional', needs: 'targetUnitId', notifies: null, citizenFacing: false, tone: 'default', endpoint: 'actions' },
  transfer_back: { label: 'Trả kết quả liên thông', labelEn: 'Return inter-agency result', from: ['interagency'], to: 'processing', who: 'partner', note: 'optional', needs: null, notifies: null, citizenFacing: false, tone: 'default', endpoint: 'actions' },
  request_supplement: { label: 'Yêu cầu bổ sung', labelEn: 'Request supplementation', from: ['received', 'processing'], to: 'supplement_requested', who: 'step', note: 'required', needs: null, notifies: 'dossier.supplementation-requested', citizenFacing: true, tone: 'default', endpoint: 'actions' },
  supplement_received: { label: 'Nhận hồ sơ bổ sung', labelEn: 'Supplement received', from: ['supplement_requested'], to: 'by_step', who: 'desk', note: 'optional', needs: null, notifies: null, citizenFacing: false, tone: 'primary', endpoint: 'actions' },
  apologise: { label: 'Xin lỗi và hẹn lại', labelEn: 'Apologise and re-appoint', from: ['received', 'processing', 'interagency'], to: 'same', who: 'agency', note: 'required', needs: 'newDueAt', notifies: 'dossier.apology', citizenFacing: true, tone: 'default', endpoint: 'actions' },
  approve: { label: 'Phê duyệt', labelEn: 'Approve', from: ['processing'], to: 'result_ready', who: 'approver', note: 'optional', needs: null, notifies: 'dossier.result-ready', citizenFacing: false, tone: 'primary', endpoint: 'actions' },
  return_result: { label: 'Trả kết quả', labelEn: 'Return result', from: ['result_ready', 'processing'], to: 'returned', who: 'desk', note: 'optional', needs: 'receivedBy', notifies: null, citizenFacing: false, tone: 'primary', endpoint: 'actions' },
  withdraw: { label: 'Rút hồ sơ', labelEn: 'Withdraw', from: ['awaiting_acceptance', 'received', 'processing', 'interagency', 'supplement_requested'], to: 'withdrawn', who: 'desk', note: 'optional', needs: null, notifies: null, citizenFacing: true, tone: 'danger', endpoint: 'actions' },
  stop: { label: 'Dừng xử lý', labelEn: 'Stop processing', from: ['received', 'processing', 'interagency', 'supplement_requested'], to: 'stopped', who: 'desk', note: 'required', needs: null, notifies: null, citizenFacing: true, tone: 'danger', endpoint: 'actions' },
  refuse: { label: 'Từ chối giải quyết', labelEn: 'Refuse', from: ['received', 'processing'], to: 'refused', who: 'step', note: 'required', needs: null, notifies: 'dossier.refused', citizenFacing: true, tone: 'danger', endpoint: 'actions' },
} as const satisfies Record<DossierAction, ActionSpec>;

/**
 * Actions done in one click, without a confirmation dialog: they can be taken back (NĐ 224/2026 Điều 23 — a forward
 * has an undo, taking over a step is undone by the head's assignment). Everything else reaches the citizen or cannot be
 * undone and is confirmed.
 */
export const oneClickActions: readonly DossierAction[] = ['claim', 'forward'];
