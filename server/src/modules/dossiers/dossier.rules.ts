import { actionSpec, statusInfo } from './dossier-actions.rules.js';

/**
 * The dossier's life as a state machine folded from its actions (STYLE.md R3). Legal frame: Nghị định 61/2018/NĐ-CP
 * Điều 17–20 (intake, transfer, processing, return) and Nghị định 118/2025/NĐ-CP Điều 17–22 (same steps, plus the stop at
 * the applicant's request, Điều 21). Statuses map to the national portal's TrangThaiHoSo codes 1–10 (vn-legal.md §1.10).
 */
export const dossierStatuses = [
  'awaiting_acceptance', // chờ tiếp nhận (online submission)
  'not_accepted', // không được tiếp nhận (incomplete or refused at intake)
  'received', // đã tiếp nhận, at the intake step
  'processing', // đang xử lý
  'interagency', // đang xử lý liên thông tại đơn vị khác
  'supplement_requested', // yêu cầu bổ sung (clock paused)
  'result_ready', // đã xử lý xong, result at the desk
  'returned', // đã trả kết quả
  'withdrawn', // công dân rút hồ sơ
  'stopped', // dừng xử lý (applicant's request, ND 118/2025 Điều 21)
  'refused', // từ chối giải quyết after appraisal (Mẫu 03)
] as const;
export type DossierStatus = (typeof dossierStatuses)[number];

/** National portal status code (TrangThaiHoSo), from the one status table. */
export const nationalStatusCode = Object.fromEntries(dossierStatuses.map((s) => [s, statusInfo[s].nationalCode])) as { [K in DossierStatus]: (typeof statusInfo)[K]['nationalCode'] };

export const statusLabels = Object.fromEntries(dossierStatuses.map((s) => [s, statusInfo[s].label])) as { [K in DossierStatus]: (typeof statusInfo)[K]['label'] };

export const dossierActions = [
  'accept', // tiếp nhận
  'reject_intake', // không tiếp nhận (Mẫu 02 / Mẫu 03 at the desk)
  'claim', // nhận xử lý
  'assign', // phân công cán bộ xử lý (ND 61/2018 Điều 19 k1: người đứng đầu phân công)
  'forward', // chuyển bước tiếp theo
  'send_back', // trả lại bước trước
  'transfer', // chuyển liên thông sang đơn vị khác (ND 61/2018 Điều 19 k6–7)
  'transfer_back', // đơn vị phối hợp trả kết quả liên thông
  'request_supplement', // yêu cầu bổ sung (ND 61/2018 Điều 19 k4)
  'supplement_received', // nhận hồ sơ bổ sung: the deadline restarts
  'apologise', // xin lỗi, hẹn lại (ND 61/2018 Điều 19 k9)
  'approve', // phê duyệt ở bước ký (trước bước trả kết quả của một cửa, hoặc bước cuối): kết quả sẵn sàng
  'return_result', // trả kết quả
  'withdraw', // rút hồ sơ
  'stop', // dừng theo yêu cầu (ND 118/2025 Điều 21)
  'refuse', // từ chối sau thẩm định (ND 61/2018 Điều 19 k8)
] as const;
export type DossierAction = (typeof dossierActions)[number];

export const actionLabels = Object.fromEntries(dossierActions.map((a) => [a, actionSpec[a].label])) as { [K in DossierAction]: (typeof actionSpec)[K]['label'] };

/** Which actions each status allows at all (the `from` column of the action table); step position and counters narrow it in `allowedActions`. */
export const actionsByStatus: Record<DossierStatus, readonly DossierAction[]> = Object.fromEntries(
  dossierStatuses.map((s): [DossierStatus, DossierAction[]] => [s, dossierActions.filter((a) => (actionSpec[a].from as readonly DossierStatus[]).includes(s))]),
) as Record<DossierStatus, DossierAction[]>;

export type DossierState = {
  status: DossierStatus;
  stepIndex: number;
  stepCount: number;
  supplementCount: number;
  apologyCount: number;
  /** Re-appointments allowed by the rule-set (1: "chỉ được hẹn lại một lần"). */
  maxApologies: number;
  /**
   * The current step is the desk's own return step ("Vào sổ, đóng dấu, trả kết quả", role desk_officer): the result
   * was signed at the step before, the desk records, stamps and returns it (`atDeskReturnStep`).
   */
  deskReturnStep?: boolean;
  /**
   * The process ends with the desk's return step (`endsWithDeskReturn`): the approving step is the one before it, and
   * "Phê duyệt" there moves the dossier, result ready, on to the desk (`approvingStepIndex`).
   */
  deskReturnLast?: boolean;
};

/**
 * Whether the process ends with the desk's own return step ("Vào sổ, đóng dấu, trả kết quả", role desk_officer) after
 * at least one step of the resolving unit: the leader signs at the step before it (ND 61/2018 Điều 19 k1, Điều 20).
 */
export function endsWithDeskReturn(steps: readonly { role: string }[]): boolean {
  return steps.length > 2 && steps[steps.length - 1]!.role === 'desk_officer';
}

/**
 * The approving (signing) step: the head's or leader's step before a trailing desk return step, or the last step when
 * there is none. "Phê duyệt" is offered there — the explicit act of the one who signs — and not "Chuyển bước tiếp theo".
 */
export function approvingStepIndex(s: Pick<DossierState, 'stepCount' | 'deskReturnLast'>): number {
  return s.stepCount - (s.deskReturnLast ? 2 : 1);
}

/**
 * Whether the dossier stands at the desk's return step: the last step of its process, held by the desk role. The
 * catalogue ends most processes so (the leader signs, then "Vào sổ, đóng dấu, trả kết quả" at the one-stop desk,
 * ND 61/2018 Điều 20): there the desk returns the result itself; no "Phê duyệt" is waited for.
 */
export function atDeskReturnStep(d: { stepIndex: number; stepCount: number }, step: { role: string } | null | undefined): boolean {
  return !!step && step.role === 'desk_officer' && d.stepIndex === d.stepCount - 1 && d.stepCount > 1;
}

/** The actions possible now: the status table, narrowed by the step position and the apology limit. */
export function allowedActions(s: DossierState): DossierAction[] {
  const last = s.stepIndex >= s.stepCount - 1;
  const approving = approvingStepIndex(s);
  return (actionsByStatus[s.status] as readonly DossierAction[]).filter((a) => {
    switch (a) {
      // Not past the approving step: the one who signs approves; the desk's step is reached by the approval.
      case 'forward':
        return s.stepIndex < approving;
      case 'approve':
        return s.stepIndex === approving;
      // At the desk: a result ready, or the dossier at the desk's own return step (it returns it in one action).
      case 'return_result':
        return s.status === 'result_ready' || (last && !!s.deskReturnStep);
      case 'send_back':
        return s.stepIndex > 0;
      case 'apologise':
        return s.apologyCount < s.maxApologies;
      case 'accept':
      case 'reject_intake':
      case 'claim':
      case 'assign':
      case 'request_supplement':
      case 'supplement_received':
      case 'withdraw':
      case 'stop':
      case 'refuse':
      case 'transfer':
      case 'transfer_back':
        return true;
    }
  });
}

export type ActionOutcome = { ok: true; state: DossierState } | { ok: false; allowed: DossierAction[] };

/** The status an action leads to, from the `to` column of the action table. */
export function targetStatus(s: { status: DossierStatus }, action: DossierAction, stepIndex: number): DossierStatus {
  const to = actionSpec[action].to;
  if (to === 'same') return s.status;
  if (to === 'by_step') return stepIndex === 0 ? 'received' : 'processing';
  return to;
}

/**
 * The state after an action, without asking whether it was allowed: the fold of the action log uses it (the log holds
 * only actions that were allowed when taken), `applyAction` after its check.
 */
export function transition(s: DossierState, action: DossierAction, opts: TransitionOptions = {}): DossierState {
  const stepIndex =
    action === 'accept' ? 0
    : action === 'forward' ? s.stepIndex + 1
    : action === 'send_back' ? (opts.backTo ?? s.stepIndex - 1)
    : action === 'approve' ? (opts.toStep ?? s.stepIndex)
    : s.stepIndex;
  return {
    ...s,
    status: targetStatus(s, action, stepIndex),
    stepIndex,
    supplementCount: s.supplementCount + (action === 'request_supplement' ? 1 : 0),
    apologyCount: s.apologyCount + (action === 'apologise' ? 1 : 0),
  };
}

/** `backTo`: the step a send-back returns to; `toStep`: the desk's return step an approval moves the dossier on to. */
export type TransitionOptions = { backTo?: number; toStep?: number };

/** Applies an action to the state, or says which actions were allowed instead. Pure; the ledger persists the result. */
export function applyAction(s: DossierState, action: DossierAction, opts: { backTo?: number } = {}): ActionOutcome {
  const allowed = allowedActions(s);
  if (!allowed.includes(action)) return { ok: false, allowed };
  if (action === 'send_back') {
    const to = opts.backTo ?? s.stepIndex - 1;
    if (to < 0 || to >= s.stepIndex) return { ok: false, allowed };
  }
  // Approved before the desk's return step: the result is ready and waits at the desk's step ("Chờ trả kết quả").
  const toStep = action === 'approve' && s.deskReturnLast && s.stepIndex === s.stepCount - 2 ? s.stepCount - 1 : undefined;
  return { ok: true, state: transition(s, action, { ...opts, toStep }) };
}

export function isClosed(status: DossierStatus): boolean {
  return statusInfo[status].phase === 'closed';
}

/**
 * Past its appointment now and still being handled (its clock running: not while waiting for the citizen's
 * supplement, not once the result is ready): what the citizen is shown as "Quá hạn" beside the appointment.
 */
export function overdueNow(d: { status: DossierStatus; dueAt: Date | null }, now: Date): boolean {
  return statusInfo[d.status].clock === 'running' && d.dueAt !== null && d.dueAt.getTime() < now.getTime();
}

/**
 * What the "Bước hiện tại" column and the dossier page say the dossier is at: before acceptance it is at no step yet
 * ("Chưa tiếp nhận", not the first step's name), a result at the desk waits for the return step ("Trả kết quả", not
 * the signing step that finished), a closed dossier is at none; otherwise the current step's name.
 */
export function currentStepLabel(d: { status: DossierStatus; stepName: string | null }, lang: 'vi' | 'en' = 'vi'): string {
  if (d.status === 'awaiting_acceptance') return lang === 'en' ? 'Not yet accepted' : 'Chưa tiếp nhận';
  if (d.status === 'result_ready') return lang === 'en' ? 'Return the result' : 'Trả kết quả';
  return isClosed(d.status) ? '' : (d.stepName ?? '');
}

/**
 * The number (số, ký hiệu) a result document gets at the approval when the officer entered none — sent to the national
 * portal as MaGiayToKetQua (issue 16): the dossier's code (unique nationally: it starts with the receiving unit's code,
 * TT 01/2018 Điều 19) and the result's order among the dossier's results, e.g. "000.00.01.H20-261204-0007-KQ1".
 */
export const resultDocumentNumber = (dossierCode: string, ordinal: number): string => `${dossierCode}-KQ${ordinal}`;
