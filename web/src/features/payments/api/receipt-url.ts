/** GET /api/payments/:id/receipt — the fee receipt (biên lai thu phí, lệ phí) of a paid payment, as PDF. */
export function receiptUrl(paymentId: string): string {
  return `/api/payments/${encodeURIComponent(paymentId)}/receipt`;
}
