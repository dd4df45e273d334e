import { withTransaction, type Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { commonErrors } from '../../../platform/errors.js';
import { can, type Actor } from '../../identity/permissions.policy.js';
import { getUnit } from '../../org-units/unit.repo.js';
import { paymentErrors } from '../payment.errors.js';
import { findPayment, findPaymentsByReferences, getPayableDossier, insertTransfer, paidPaymentOf, setTransferMatch } from '../payment.repo.js';
import { matchTransfer, referencesIn, type TransferMatch } from '../payment.rules.js';
import { parseStatement, type StatementProblem } from '../statement.rules.js';
import { payLockedPayment } from './settle-payment.js';

export type ReconcileLine = { line: number; bankRef: string; amountVnd: number; description: string; match: TransferMatch | 'duplicate'; reference: string | null; dossierCode: string | null };
export type ReconcileReport = { lines: ReconcileLine[]; problems: StatementProblem[]; matched: number; needsReview: number; duplicates: number };

/**
 * Imports a bank statement of incoming transfers for the unit (CSV or JSON lines) and settles the VietQR payments
 * it names: the payment reference in the transfer description and exactly the payment's amount. Lines without a known
 * reference, with another amount, or for a dossier already paid are kept for the officer (needsReview). Each bank
 * reference is taken once per unit, so importing the same statement again changes nothing; another unit's statement
 * meeting the same reference (another bank's books) is its own transfer.
 */
export async function reconcileStatement(deps: { db: Db; clock: Clock }, actor: Actor, unitId: string, text: string): Promise<ReconcileReport> {
  const unit = await getUnit(deps.db, unitId);
  if (!unit) throw commonErrors.notFound('Unit');
  if (!can(actor, 'dossiers.receive', unit.path)) throw commonErrors.forbidden('dossiers.receive');
  const { lines, problems } = parseStatement(text);
  if (lines.length === 0 && problems.length > 0 && problems[0]!.line <= 1) throw paymentErrors.badStatement(problems[0]!.message);
  const now = deps.clock.now();
  const out: ReconcileLine[] = [];
  for (const l of lines) {
    const result = await withTransaction(deps.db, async (tx): Promise<ReconcileLine> => {
      const base = { line: l.line, bankRef: l.bankRef, amountVnd: l.amountVnd, description: l.description };
      const fresh = await insertTransfer(tx, { ...l, unitId: unit.id, unitPath: unit.path, importedAt: now, importedBy: actor.userId });
      if (!fresh) return { ...base, match: 'duplicate', reference: null, dossierCode: null };
      // The statement is the unit's account: it settles only dossiers received or resolved inside the unit. A
      // reference of another unit's dossier is left for review, never paid from here.
      const named0 = (await findPaymentsByReferences(tx, referencesIn(l.description))).filter((p) => p.method !== 'cash');
      const candidates = [];
      for (const c of named0) {
        const d = await getPayableDossier(tx, c.dossierId);
        if (d && (d.receivingPath.startsWith(unit.path) || d.resolvingPath.startsWith(unit.path))) candidates.push(c);
      }
      // Prefer the named payment whose amount is right.
      const named = candidates.find((p) => p.amountVnd === l.amountVnd) ?? candidates[0] ?? null;
      if (!named) {
        await setTransferMatch(tx, { unitId: unit.id, bankRef: l.bankRef }, 'unmatched', null);
        return { ...base, match: 'unmatched', reference: null, dossierCode: null };
      }
      const dossier = (await getPayableDossier(tx, named.dossierId, true))!;
      const p = (await findPayment(tx, { id: named.id }, true))!;
      const match = matchTransfer(l.amountVnd, { amountVnd: p.amountVnd, status: p.status, dossierPaid: (await paidPaymentOf(tx, p.dossierId)) !== null });
      if (match === 'matched') {
        await payLockedPayment(tx, p, dossier.receivingUnitId, now, { kind: 'paid', actorId: actor.userId, bankRef: l.bankRef, data: { via: 'bank_statement', bankRef: l.bankRef, receivedAt: l.receivedAt } });
      }
      await setTransferMatch(tx, { unitId: unit.id, bankRef: l.bankRef }, match, p.id);
      return { ...base, match, reference: p.reference, dossierCode: dossier.code };
    });
    out.push(result);
  }
  return {
    lines: out,
    problems,
    matched: out.filter((l) => l.match === 'matched').length,
    needsReview: out.filter((l) => l.match !== 'matched' && l.match !== 'duplicate').length,
    duplicates: out.filter((l) => l.match === 'duplicate').length,
  };
}
