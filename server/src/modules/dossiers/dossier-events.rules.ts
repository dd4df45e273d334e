/**
 * The dossier's ledger: every change of a dossier is one event of this closed union, appended to its action log
 * (dossier_action: the type in `action`, the payload in `data`). The dossier row and its steps are a projection:
 * `foldDossier(log)` gives them, and the ledger (dossier.ledger.ts) writes exactly `evolve(row, event)` in the same
 * transaction as the log entry. Events carry what was decided when they happened (the new due times computed on the
 * working calendar, the unit a dossier was sent to), so the fold needs no calendar and no database. Pure.
 */
import { classifyFinish, type FinishClass } from '../working-calendar/deadline.rules.js';
import { transition, type DossierAction, type DossierStatus } from './dossier.rules.js';
import { lateBeforeLetter } from './dossier-deadline.rules.js';

type Iso = string;

/** What the first entry of a dossier's log opens it with (desk intake, online submission). */
export type Opening = { channel: 'desk' | 'online' | 'postal'; submittedAt: Iso; resultDelivery: ResultDelivery; stepCount: number };
export type ResultDelivery = 'desk' | 'post' | 'online';

/** The schedule given at acceptance: the code (numbered in the same statement), the legal time and each step's due time. */
export type Schedule = { code: string | null; receivedAt: Iso; countingFrom: Iso; dueAt: Iso; stepCount: number; stepDues: (Iso | null)[] };

/** Facts of intake kept for the forms (Mẫu 02/03: what was missing, the code format in force). */
type IntakeFacts = { outcome?: string; missing?: { name: string; count: number }[]; codeFormat?: string; channel?: string };

export type DossierEvent =
  // Submitted online, waiting for the desk (ND 45/2020 Điều 11).
  | { type: 'submit'; opening: Opening; assisted?: boolean }
  // Received: at the desk (opening + schedule in one entry) or an online dossier accepted (ND 61/2018 Điều 17).
  | ({ type: 'accept'; opening?: Opening; schedule: Schedule } & IntakeFacts)
  | ({ type: 'reject_intake'; opening?: Opening } & IntakeFacts)
  | { type: 'claim'; assigneeId: string }
  | { type: 'assign'; assigneeId: string; assigneeName: string }
  // The sender may choose who receives it (absent: the unit's queue); a dossier sent back goes to whoever handled that
  // step before (absent in older entries: unassigned).
  | { type: 'forward'; assigneeId?: string; assigneeName?: string }
  | { type: 'send_back'; backTo: number; assigneeId?: string | null; assigneeName?: string }
  // Undoing a forward (NĐ 224/2026 Điều 23) is a new entry, never a deletion: the state before the forward, restored.
  | { type: 'forward_undone'; restore: Restore }
  | { type: 'transfer'; targetUnitId: string; targetUnitName: string; targetUnitPath: string }
  | { type: 'transfer_back' }
  | { type: 'request_supplement' }
  | { type: 'citizen_supplemented'; documents: { name: string; sha256: string }[] }
  | { type: 'supplement_received'; waitedWorkingMinutes: number; countingFrom: Iso; newDueAt: Iso; stepDues: { stepIndex: number; dueAt: Iso }[] }
  // `late`: issued after the legal window (phát hành muộn); `signer`: who signs for the competent agency (absent in
  // entries written before both were recorded).
  | { type: 'apologise'; previousDueAt: Iso; newDueAt: Iso; late?: boolean; signer?: { name: string; capacity: string[] } }
  // `toStep`: the desk's return step the approval moved the dossier on to (absent: it stays at the approving step,
  // the last one, or an entry written before the approval moved it). `lateAgainst`: the due time the dossier had
  // already missed when its apology letter was issued (dossier-deadline.rules.ts `lateBeforeLetter`): the finish is
  // classified against it, not against the new appointment.
  | { type: 'approve'; toStep?: number; lateAgainst?: Iso }
  | { type: 'return_result'; receivedBy: string | null; channel?: 'post'; trackingCode?: string | null }
  | { type: 'withdraw' }
  | { type: 'stop' }
  | { type: 'refuse' }
  | { type: 'result_delivery_changed'; from: ResultDelivery; to: ResultDelivery; address?: string }
  | { type: 'result_sent_by_post'; trackingCode: string | null }
  | { type: 'postal_returned_to_desk'; trackingCode: string | null }
  | { type: 'attach_file'; sha256: string; kind: 'component' | 'result' }
  | { type: 'result_downloaded' }
  | { type: 'overdue_marked'; dueAt: Iso; warned: string[] };

export type DossierEventType = DossierEvent['type'];

/** What an undone forward puts back: the status, step and assignee before it, and the two steps it touched. */
export type Restore = {
  status: DossierStatus;
  stepIndex: number;
  assigneeId: string | null;
  steps: { stepIndex: number; startedAt: Iso | null; finishedAt: Iso | null; finishClass: FinishClass | null; assigneeId: string | null }[];
};

/** Every event type, for the log's vocabulary check. */
export const dossierEventTypes = [
  'submit', 'accept', 'reject_intake', 'claim', 'assign', 'forward', 'send_back', 'forward_undone', 'transfer', 'transfer_back', 'request_supplement',
  'citizen_supplemented', 'supplement_received', 'apologise', 'approve', 'return_result', 'withdraw', 'stop', 'refuse',
  'result_delivery_changed', 'result_sent_by_post', 'postal_returned_to_desk', 'attach_file', 'result_downloaded', 'overdue_marked',
] as const satisfies readonly DossierEventType[];
// Every member of the union is listed once (a missing one fails the type check).
type _Missing = Exclude<DossierEventType, (typeof dossierEventTypes)[number]>;
const _allListed: [_Missing] extends [never] ? true : false = true;
void _allListed;

/** One entry of the log as the fold reads it. */
export type LedgerEntry = { at: Date; actorId: string | null; event: DossierEvent };

export type StepState = { dueAt: Date | null; startedAt: Date | null; finishedAt: Date | null; finishClass: FinishClass | null; assigneeId: string | null };

/** The projected part of the dossier row (every column an event changes) and of its steps. */
export type LedgerState = {
  code: string | null;
  status: DossierStatus;
  stepIndex: number;
  stepCount: number;
  assigneeId: string | null;
  submittedAt: Date;
  receivedAt: Date | null;
  countingFrom: Date | null;
  dueAt: Date | null;
  originalDueAt: Date | null;
  finishedAt: Date | null;
  returnedAt: Date | null;
  finishClass: FinishClass | null;
  resultDelivery: ResultDelivery;
  supplementCount: number;
  pausedAt: Date | null;
  pausedMinutes: number;
  apologyCount: number;
  /**
   * The due time the dossier had already missed when an apology letter was issued (`lateBeforeLetter`): it stays late
   * whatever the new appointment — in "Quá hạn", and its finish classified against it. The first one: a missed deadline
   * is not made timely by a later letter.
   */
  lateSince: Date | null;
  overdueNotifiedAt: Date | null;
  supplementedAt: Date | null;
  interagencyUnitId: string | null;
  interagencyPath: string | null;
  steps: StepState[];
};

const machineActions = new Set<string>([
  'accept', 'reject_intake', 'claim', 'assign', 'forward', 'send_back', 'transfer', 'transfer_back', 'request_supplement',
  'supplement_received', 'apologise', 'approve', 'return_result', 'withdraw', 'stop', 'refuse',
] satisfies DossierAction[]);

/** Whether the event is an action of the state machine (the rest are facts that leave the status as it is). */
export function isMachineAction(type: DossierEventType): type is DossierAction & DossierEventType {
  return machineActions.has(type);
}

const d = (v: Iso | null | undefined): Date | null => (v ? new Date(v) : null);
const emptyStep = (): StepState => ({ dueAt: null, startedAt: null, finishedAt: null, finishClass: null, assigneeId: null });

function opened(o: Opening): LedgerState {
  return {
    code: null, status: 'awaiting_acceptance', stepIndex: 0, stepCount: o.stepCount, assigneeId: null, submittedAt: new Date(o.submittedAt),
    receivedAt: null, countingFrom: null, dueAt: null, originalDueAt: null, finishedAt: null, returnedAt: null, finishClass: null,
    resultDelivery: o.resultDelivery, supplementCount: 0, pausedAt: null, pausedMinutes: 0, apologyCount: 0, lateSince: null, overdueNotifiedAt: null,
    supplementedAt: null, interagencyUnitId: null, interagencyPath: null, steps: [],
  };
}

/** The event a log entry opens a dossier with, if it does. */
export function openingOf(e: DossierEvent): Opening | null {
  return (e.type === 'submit' || e.type === 'accept' || e.type === 'reject_intake') && e.opening ? e.opening : null;
}

/** Finishes step `i` at `at` (classified against its own due time). */
function finishStep(steps: StepState[], i: number, at: Date): StepState[] {
  return steps.map((s, k) => (k === i ? { ...s, finishedAt: at, finishClass: s.dueAt ? classifyFinish(at, s.dueAt) : null } : s));
}
/** Starts step `i` at `at`, unassigned and unfinished (forward, send back). */
function startStep(steps: StepState[], i: number, at: Date): StepState[] {
  return steps.map((s, k) => (k === i ? { ...s, startedAt: at, finishedAt: null, finishClass: null, assigneeId: null } : s));
}

/**
 * The state after one event. `prev` is null only for an entry that opens the dossier. Throws on an entry that cannot
 * follow (a log that does not open the dossier): the log is the truth, so a broken one must be seen, not papered over.
 */
export function evolve(prev: LedgerState | null, entry: LedgerEntry): LedgerState {
  const { at, event: e } = entry;
  const opening = openingOf(e);
  const s0 = opening ? opened(opening) : prev;
  if (!s0) throw new Error(`the log does not open with a submission or an intake (first entry: ${e.type})`);
  const machine = isMachineAction(e.type)
    ? transition({ status: s0.status, stepIndex: s0.stepIndex, stepCount: s0.stepCount, supplementCount: s0.supplementCount, apologyCount: s0.apologyCount, maxApologies: Infinity }, e.type, {
        backTo: e.type === 'send_back' ? e.backTo : undefined,
        toStep: e.type === 'approve' ? e.toStep : undefined,
      })
    : null;
  const s: LedgerState = machine ? { ...s0, status: machine.status, stepIndex: machine.stepIndex, supplementCount: machine.supplementCount, apologyCount: machine.apologyCount } : { ...s0 };
  switch (e.type) {
    case 'submit':
      return s;
    case 'accept': {
      const c = e.schedule;
      return {
        ...s, code: c.code, receivedAt: new Date(c.receivedAt), countingFrom: new Date(c.countingFrom), dueAt: new Date(c.dueAt), stepCount: c.stepCount,
        steps: c.stepDues.map((due, i) => ({ ...emptyStep(), dueAt: d(due), startedAt: i === 0 ? at : null })),
      };
    }
    case 'reject_intake':
    case 'withdraw':
    case 'stop':
    case 'refuse':
      return { ...s, finishedAt: at };
    case 'claim':
    case 'assign':
      return { ...s, assigneeId: e.assigneeId, steps: s.steps.map((x, k) => (k === s.stepIndex ? { ...x, assigneeId: e.assigneeId } : x)) };
    case 'forward':
    case 'send_back': {
      const started = e.type === 'forward' ? startStep(finishStep(s.steps, s0.stepIndex, at), s.stepIndex, at) : startStep(s.steps, s.stepIndex, at);
      const to = e.assigneeId ?? null;
      return { ...s, assigneeId: to, steps: started.map((x, k) => (k === s.stepIndex ? { ...x, assigneeId: to } : x)) };
    }
    case 'forward_undone': {
      const r = e.restore;
      const back = new Map(r.steps.map((x) => [x.stepIndex, x]));
      return {
        ...s, status: r.status, stepIndex: r.stepIndex, assigneeId: r.assigneeId,
        steps: s.steps.map((x, k) => {
          const b = back.get(k);
          return b ? { ...x, startedAt: d(b.startedAt), finishedAt: d(b.finishedAt), finishClass: b.finishClass, assigneeId: b.assigneeId } : x;
        }),
      };
    }
    case 'transfer':
      return { ...s, interagencyUnitId: e.targetUnitId, interagencyPath: e.targetUnitPath };
    case 'transfer_back':
      return { ...s, interagencyUnitId: null, interagencyPath: null };
    case 'request_supplement':
      return { ...s, pausedAt: at, supplementedAt: null };
    case 'citizen_supplemented':
      return { ...s, supplementedAt: at };
    case 'supplement_received': {
      const dues = new Map(e.stepDues.map((x) => [x.stepIndex, new Date(x.dueAt)]));
      return {
        ...s, pausedMinutes: s.pausedMinutes + e.waitedWorkingMinutes, pausedAt: null, supplementedAt: null, countingFrom: new Date(e.countingFrom), dueAt: new Date(e.newDueAt),
        steps: s.steps.map((x, k) => (dues.has(k) ? { ...x, dueAt: dues.get(k)! } : x)),
      };
    }
    case 'apologise': {
      const due = new Date(e.newDueAt);
      const missed = s.lateSince ?? lateBeforeLetter({ at, previousDueAt: new Date(e.previousDueAt) });
      return { ...s, originalDueAt: s.originalDueAt ?? s.dueAt, dueAt: due, lateSince: missed, steps: s.steps.map((x, k) => (k === s.steps.length - 1 ? { ...x, dueAt: due } : x)) };
    }
    case 'approve': {
      // The signing step ends; moved on to the desk's return step, that step starts, in the desk's queue.
      const finished = finishStep(s.steps, s0.stepIndex, at);
      const moved = s.stepIndex !== s0.stepIndex;
      return {
        ...s, finishedAt: at, finishClass: e.lateAgainst ? classifyFinish(at, new Date(e.lateAgainst)) : s.dueAt ? classifyFinish(at, s.dueAt) : null,
        assigneeId: moved ? null : s.assigneeId, steps: moved ? startStep(finished, s.stepIndex, at) : finished,
      };
    }
    case 'return_result': {
      // The desk's return step, started by the approval, ends with the hand-over.
      const cur = s.steps[s.stepIndex];
      return { ...s, returnedAt: at, steps: cur?.startedAt && !cur.finishedAt ? finishStep(s.steps, s.stepIndex, at) : s.steps };
    }
    case 'result_delivery_changed':
      return { ...s, resultDelivery: e.to };
    case 'postal_returned_to_desk':
      return { ...s, resultDelivery: 'desk' };
    case 'overdue_marked':
      return { ...s, overdueNotifiedAt: at };
    case 'result_sent_by_post':
    case 'attach_file':
    case 'result_downloaded':
      return s;
  }
}

/** The dossier row and steps its whole log gives. */
export function foldDossier(log: readonly LedgerEntry[]): LedgerState {
  let s: LedgerState | null = null;
  for (const entry of log) s = evolve(s, entry);
  if (!s) throw new Error('empty log');
  return s;
}

/** The log entry as stored: `action` and `data` columns (the payload without its type). */
export function toStored(e: DossierEvent): { action: DossierEventType; data: Record<string, unknown> } {
  const { type, ...data } = e;
  return { action: type, data };
}

/** A stored log entry read back as an event (the type from `action`, the payload from `data`). */
export function fromStored(action: string, data: Record<string, unknown> | null): DossierEvent {
  if (!(dossierEventTypes as readonly string[]).includes(action)) throw new Error(`unknown event type in the log: ${action}`);
  return { ...(data ?? {}), type: action } as DossierEvent;
}

/** The differences between two states, column by column (empty when they agree): what the rebuild command reports. */
export function diffStates(a: LedgerState, b: LedgerState): string[] {
  const norm = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : typeof v === 'number' ? Math.round(v * 1000) / 1000 : v);
  const out: string[] = [];
  for (const k of Object.keys(a) as (keyof LedgerState)[]) {
    if (k === 'steps') continue;
    if (norm(a[k]) !== norm(b[k])) out.push(`${k}: ${String(norm(a[k]))} ≠ ${String(norm(b[k]))}`);
  }
  const n = Math.max(a.steps.length, b.steps.length);
  for (let i = 0; i < n; i++) {
    const x = a.steps[i] ?? emptyStep();
    const y = b.steps[i] ?? emptyStep();
    for (const k of Object.keys(x) as (keyof StepState)[]) {
      if (norm(x[k]) !== norm(y[k])) out.push(`steps[${i}].${k}: ${String(norm(x[k]))} ≠ ${String(norm(y[k]))}`);
    }
  }
  return out;
}
