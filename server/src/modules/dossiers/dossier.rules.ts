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

/** National portal status code (TrangThaiHoSo). */
export const nationalStatusCode = {
  awaiting_acceptance: 1,
  not_accepted: 3,
  received: 2,
  processing: 4,
  interagency: 4,
  supplement_requested: 5,
  result_ready: 9,
  returned: 10,
  withdrawn: 7,
  stopped: 8,
  refused: 8,
} as const satisfies Record<DossierStatus, number>;

export const statusLabels = {
  awaiting_acceptance: 'Chờ tiếp nhận',
  not_accepted: 'Không được tiếp nhận',
  received: 'Đã tiếp nhận',
  processing: 'Đang xử lý',
  interagency: 'Đang xử lý liên thông',
  supplement_requested: 'Chờ bổ sung hồ sơ',
  result_ready: 'Đã có kết quả, chờ trả',
  returned: 'Đã trả kết quả',
  withdrawn: 'Đã rút hồ sơ',
  stopped: 'Dừng xử lý',
  refused: 'Từ chối giải quyết',
} as const satisfies Record<DossierStatus, string>;

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
  'approve', // phê duyệt ở bước cuối: kết quả sẵn sàng
  'return_result', // trả kết quả
  'withdraw', // rút hồ sơ
  'stop', // dừng theo yêu cầu (ND 118/2025 Điều 21)
  'refuse', // từ chối sau thẩm định (ND 61/2018 Điều 19 k8)
] as const;
export type DossierAction = (typeof dossierActions)[number];

export const actionLabels = {
  accept: 'Tiếp nhận',
  reject_intake: 'Không tiếp nhận',
  claim: 'Nhận xử lý',
  assign: 'Phân công xử lý',
  forward: 'Chuyển bước tiếp theo',
  send_back: 'Trả lại bước trước',
  transfer: 'Chuyển liên thông',
  transfer_back: 'Trả kết quả liên thông',
  request_supplement: 'Yêu cầu bổ sung',
  supplement_received: 'Nhận hồ sơ bổ sung',
  apologise: 'Xin lỗi và hẹn lại',
  approve: 'Phê duyệt kết quả',
  return_result: 'Trả kết quả',
  withdraw: 'Rút hồ sơ',
  stop: 'Dừng xử lý',
  refuse: 'Từ chối giải quyết',
} as const satisfies Record<DossierAction, string>;

/** Which actions each status allows at all; step position and counters narrow it further in `allowedActions`. */
export const actionsByStatus = {
  awaiting_acceptance: ['accept', 'reject_intake', 'withdraw'],
  not_accepted: [],
  received: ['claim', 'assign', 'forward', 'request_supplement', 'apologise', 'refuse', 'withdraw', 'stop'],
  processing: ['claim', 'assign', 'forward', 'send_back', 'transfer', 'request_supplement', 'apologise', 'approve', 'refuse', 'withdraw', 'stop'],
  interagency: ['transfer_back', 'apologise', 'withdraw', 'stop'],
  supplement_requested: ['supplement_received', 'withdraw', 'stop'],
  result_ready: ['return_result'],
  returned: [],
  withdrawn: [],
  stopped: [],
  refused: [],
} as const satisfies Record<DossierStatus, readonly DossierAction[]>;

export type DossierState = {
  status: DossierStatus;
  stepIndex: number;
  stepCount: number;
  supplementCount: number;
  apologyCount: number;
  /** Re-appointments allowed by the rule-set (1: "chỉ được hẹn lại một lần"). */
  maxApologies: number;
};

/** The actions possible now: the status table, narrowed by the step position and the apology limit. */
export function allowedActions(s: DossierState): DossierAction[] {
  const last = s.stepIndex >= s.stepCount - 1;
  return (actionsByStatus[s.status] as readonly DossierAction[]).filter((a) => {
    switch (a) {
      case 'forward':
        return !last;
      case 'approve':
        return last;
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
      case 'return_result':
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

/** Applies an action to the state, or says which actions were allowed instead. Pure; the use cases persist the result. */
export function applyAction(s: DossierState, action: DossierAction, opts: { backTo?: number; rejectAsRefusal?: boolean } = {}): ActionOutcome {
  const allowed = allowedActions(s);
  if (!allowed.includes(action)) return { ok: false, allowed };
  const next = (patch: Partial<DossierState>): ActionOutcome => ({ ok: true, state: { ...s, ...patch } });
  switch (action) {
    case 'accept':
      return next({ status: 'received', stepIndex: 0 });
    case 'reject_intake':
      return next({ status: 'not_accepted' });
    case 'claim':
    case 'assign':
      return next({});
    case 'forward':
      return next({ status: 'processing', stepIndex: s.stepIndex + 1 });
    case 'send_back': {
      const to = opts.backTo ?? s.stepIndex - 1;
      if (to < 0 || to >= s.stepIndex) return { ok: false, allowed };
      return next({ status: to === 0 ? 'received' : 'processing', stepIndex: to });
    }
    case 'transfer':
      return next({ status: 'interagency' });
    case 'transfer_back':
      return next({ status: 'processing' });
    case 'request_supplement':
      return next({ status: 'supplement_requested', supplementCount: s.supplementCount + 1 });
    case 'supplement_received':
      return next({ status: s.stepIndex === 0 ? 'received' : 'processing' });
    case 'apologise':
      return next({ apologyCount: s.apologyCount + 1 });
    case 'approve':
      return next({ status: 'result_ready' });
    case 'return_result':
      return next({ status: 'returned' });
    case 'withdraw':
      return next({ status: 'withdrawn' });
    case 'stop':
      return next({ status: 'stopped' });
    case 'refuse':
      return next({ status: 'refused' });
  }
}

export function isClosed(status: DossierStatus): boolean {
  return actionsByStatus[status].length === 0;
}
