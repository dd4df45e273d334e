/**
 * PURE: time spent in each step of the process, from the ledger's events. A dossier is "in a step" while the ledger
 * says it is received or processing there; the time is cut into stints by who holds it. A stint in the unit's queue
 * (nobody assigned) is the officer's who then took the step (claimed it, was assigned it) or moved it on (forwarded,
 * approved, sent back…): that officer held the step; it stays without an officer only when nobody did. Waiting for the citizen's supplement (yêu cầu bổ sung, ND 61/2018 Điều 19 k4: the clock is paused) and time at
 * another agency (liên thông, Điều 19 k6–7) are not the step's time. Only closed stints count; the report sums them by the stint's
 * end. Working minutes are measured on the step unit's working calendar by the caller.
 */
import { evolve, type LedgerEntry, type LedgerState } from '../dossiers/dossier-events.rules.js';
import type { DossierStatus } from '../dossiers/dossier.rules.js';

export type StepStint = { stepIndex: number; assigneeId: string | null; from: Date; to: Date };

const counting = new Set<DossierStatus>(['received', 'processing']);

/** The closed stints of a dossier's log, in order. */
export function stepStints(log: readonly LedgerEntry[]): StepStint[] {
  const out: StepStint[] = [];
  let s: LedgerState | null = null;
  let open: { stepIndex: number; assigneeId: string | null; from: Date } | null = null;
  for (const entry of log) {
    s = evolve(s, entry);
    const here = counting.has(s.status) ? { stepIndex: s.stepIndex, assigneeId: s.assigneeId } : null;
    if (open && (!here || here.stepIndex !== open.stepIndex || here.assigneeId !== open.assigneeId)) {
      if (entry.at.getTime() > open.from.getTime()) out.push({ ...open, assigneeId: open.assigneeId ?? heldBy(entry), to: entry.at });
      open = null;
    }
    if (here && !open) open = { ...here, from: entry.at };
  }
  return out;
}

/** The actions by which an officer hands the step on: whoever took them held the step. */
const handing = new Set<string>(['forward', 'send_back', 'approve', 'transfer', 'request_supplement', 'refuse', 'return_result']);

/** Who held a queue stint, by the entry that ended it: the officer who took the step or handed it on; else nobody. */
function heldBy(entry: LedgerEntry): string | null {
  const e = entry.event;
  if (e.type === 'claim' || e.type === 'assign') return e.assigneeId;
  return handing.has(e.type) ? entry.actorId : null;
}

export type MeasuredStint = { dossierId: string; unitId: string; stepName: string; officerId: string | null; workingMinutes: number; elapsedMinutes: number };
export type StepTimeRow = {
  unitId: string;
  stepName: string;
  officerId: string | null;
  stints: number;
  dossiers: number;
  workingMinutes: number;
  averageWorkingMinutes: number;
  maxWorkingMinutes: number;
  elapsedMinutes: number;
};

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Sums measured stints by unit, step and officer (most working time first). */
export function aggregateStepTimes(stints: readonly MeasuredStint[]): StepTimeRow[] {
  const groups = new Map<string, { row: StepTimeRow; dossiers: Set<string> }>();
  for (const s of stints) {
    const key = JSON.stringify([s.unitId, s.stepName, s.officerId]);
    let g = groups.get(key);
    if (!g) {
      g = { row: { unitId: s.unitId, stepName: s.stepName, officerId: s.officerId, stints: 0, dossiers: 0, workingMinutes: 0, averageWorkingMinutes: 0, maxWorkingMinutes: 0, elapsedMinutes: 0 }, dossiers: new Set() };
      groups.set(key, g);
    }
    g.row.stints++;
    g.dossiers.add(s.dossierId);
    g.row.workingMinutes += s.workingMinutes;
    g.row.elapsedMinutes += s.elapsedMinutes;
    g.row.maxWorkingMinutes = Math.max(g.row.maxWorkingMinutes, s.workingMinutes);
  }
  return [...groups.values()]
    .map(({ row, dossiers }) => ({
      ...row,
      dossiers: dossiers.size,
      workingMinutes: round1(row.workingMinutes),
      elapsedMinutes: round1(row.elapsedMinutes),
      maxWorkingMinutes: round1(row.maxWorkingMinutes),
      averageWorkingMinutes: round1(row.workingMinutes / row.stints),
    }))
    .sort((a, b) => b.workingMinutes - a.workingMinutes || a.stepName.localeCompare(b.stepName));
}
