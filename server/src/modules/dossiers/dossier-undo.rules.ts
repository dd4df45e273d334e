/**
 * Undo (Nghị định 224/2026/NĐ-CP Điều 23: users can undo what they did). Only what is safe is undoable: a forward, by
 * the officer who sent it, within a short window, while nobody else has opened or acted on the dossier since. The undo
 * is a new ledger entry that restores the state before the forward (dossier-events.rules.ts `forward_undone`); the
 * forward stays in the log. Pure.
 */
import type { LedgerEntry, LedgerState, Restore } from './dossier-events.rules.js';
import { foldDossier } from './dossier-events.rules.js';

/** How long a forward can be taken back (minutes). */
export const UNDO_WINDOW_MINUTES = 10;

export type UndoCheck = { ok: true; restore: Restore } | { ok: false; reasonVi: string; reasonEn: string };

/**
 * Whether `actorId` may undo the last forward of this log now. `openedByOthers`: someone other than the sender opened
 * the dossier after the forward (dossier_access): the receiver has seen it, so it is theirs.
 */
export function checkUndoForward(log: readonly LedgerEntry[], actorId: string, now: Date, openedByOthers: boolean): UndoCheck {
  const last = log[log.length - 1];
  if (!last || last.event.type !== 'forward') return { ok: false, reasonVi: 'Thao tác cuối cùng của hồ sơ không phải là chuyển bước.', reasonEn: 'The last action was not a forward.' };
  if (last.actorId !== actorId) return { ok: false, reasonVi: 'Chỉ người đã chuyển mới được hoàn tác.', reasonEn: 'Only the sender may undo.' };
  if (now.getTime() - last.at.getTime() > UNDO_WINDOW_MINUTES * 60_000) {
    return { ok: false, reasonVi: `Đã quá ${UNDO_WINDOW_MINUTES} phút, không thể hoàn tác.`, reasonEn: `More than ${UNDO_WINDOW_MINUTES} minutes have passed.` };
  }
  if (openedByOthers) return { ok: false, reasonVi: 'Người nhận đã mở hoặc xử lý hồ sơ, không thể hoàn tác.', reasonEn: 'The receiver has opened or acted on the dossier.' };
  return { ok: true, restore: restoreOf(foldDossier(log.slice(0, -1)), foldDossier(log)) };
}

/** The state before the forward, as the undo entry records it (the two steps the forward touched). */
function restoreOf(before: LedgerState, after: LedgerState): Restore {
  const iso = (v: Date | null) => (v ? v.toISOString() : null);
  const touched = [before.stepIndex, after.stepIndex];
  return {
    status: before.status,
    stepIndex: before.stepIndex,
    assigneeId: before.assigneeId,
    steps: touched.map((i) => {
      const s = before.steps[i]!;
      return { stepIndex: i, startedAt: iso(s.startedAt), finishedAt: iso(s.finishedAt), finishClass: s.finishClass, assigneeId: s.assigneeId };
    }),
  };
}
