/**
 * PURE: which payment attempts of a dossier the desk sees at once. A citizen who gives up on the bank page or lets a
 * QR code expire leaves failed or expired attempts; once a payment is made, or a newer attempt is under way, they
 * say nothing more and are folded away (still listed on request, as the log is kept).
 */
export type FoldablePayment = { status: 'pending' | 'paid' | 'failed' | 'expired'; createdAt: string };

export function foldStalePayments<P extends FoldablePayment>(payments: readonly P[]): { shown: P[]; folded: P[] } {
  const live = payments.filter((p) => p.status === 'paid' || p.status === 'pending');
  // Nothing live: the newest attempt stays in sight (why the fee is still unpaid), the older ones fold.
  const newestDead = live.length === 0 ? [...payments].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0] : undefined;
  const shown = payments.filter((p) => live.includes(p) || p === newestDead);
  return { shown, folded: payments.filter((p) => !shown.includes(p)) };
}
