import { t } from '../../../lib/i18n.js';
import type { PaymentMethod, PaymentStatus } from '../api/list-dossier-payments.js';
import type { LineMatch } from '../api/reconcile-statement.js';
import type { TransferFilter } from '../api/list-transfers.js';

/** Labels and tag colours of the payment enumerations (the server's own labels are Vietnamese only). */
export const methodLabel = (m: PaymentMethod) => t(`payMethod.${m}`);
export const paymentStatusLabel = (s: PaymentStatus) => t(`payStatus.${s}`);
export const paymentStatusColor: Record<PaymentStatus, string> = { pending: 'gold', paid: 'green', failed: 'red', expired: 'default' };

const eventKinds = ['created', 'paid', 'failed', 'expired', 'callback_rejected', 'duplicate_payment', 'refund_due'] as const;
/** An event of the payment log; kinds the console does not know yet are shown as the server wrote them. */
export function eventLabel(kind: string): string {
  return (eventKinds as readonly string[]).includes(kind) ? t(`payEvent.${kind as (typeof eventKinds)[number]}`) : kind;
}

export const transferFilters = ['review', 'matched', 'unmatched', 'amount_mismatch', 'already_paid'] as const satisfies readonly TransferFilter[];
export const matchLabel = (m: LineMatch | TransferFilter) => t(`transferMatch.${m}`);
export const matchColor: Record<LineMatch, string> = { matched: 'green', unmatched: 'orange', amount_mismatch: 'red', already_paid: 'purple', duplicate: 'default' };
