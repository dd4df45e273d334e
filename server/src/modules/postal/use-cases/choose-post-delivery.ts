import { withTransaction, type Db } from '../../../platform/database.js';
import { citizenOwnsDossierFlagSql } from '../../citizens/citizen-identity.repo.js';
import type { Clock } from '../../../platform/clock.js';
import { commonErrors } from '../../../platform/errors.js';
import type { Actor } from '../../identity/permissions.policy.js';
import { recordEvent } from '../../dossiers/dossier.ledger.js';
import { lockDossier } from '../../dossiers/dossier.repo.js';
import { unreturnedStatuses } from '../../dossiers/dossier-actions.rules.js';
import { dossierErrors } from '../../dossiers/dossier.errors.js';
import { postalErrors } from '../postal.errors.js';
import { isDeskOf } from '../postal.policy.js';

/** Who records the choice: a desk officer (the citizen came or called), or the signed-in citizen who owns the dossier. */
export type DeliveryChooser = { kind: 'staff'; actor: Actor } | { kind: 'citizen'; citizenId: string; fullName: string };

/**
 * The citizen chooses to receive the result by post after intake (Quyết định 45/2016/QĐ-TTg Điều 5), told to the desk
 * (in person or by phone) or in the portal: allowed until the result is handed out, for procedures that return by
 * post. Recorded on the dossier's read index and its action log in one transaction; the shipment follows when the
 * result is ready.
 */
export async function chooseDeliveryByPost(deps: { db: Db; clock: Clock }, who: DeliveryChooser | Actor, dossierId: string, input: { address: string; phone: string | null }): Promise<void> {
  const by: DeliveryChooser = 'kind' in who ? who : { kind: 'staff', actor: who };
  const now = deps.clock.now();
  await withTransaction(deps.db, async (tx) => {
    const d = await lockDossier(tx, dossierId);
    if (!d) throw dossierErrors.notFound();
    const { rows } = await tx.query<{ resultDelivery: 'desk' | 'post' | 'online'; postalReturn: boolean; shipped: boolean; citizenOwns: boolean }>(
      `SELECT d.result_delivery AS "resultDelivery", p.postal_return AS "postalReturn", ${citizenOwnsDossierFlagSql('d', '$2')} AS "citizenOwns",
              EXISTS (SELECT 1 FROM postal_shipment s WHERE s.dossier_id = d.id) AS shipped
         FROM dossier d JOIN procedure p ON p.id = d.procedure_id WHERE d.id = $1`,
      [dossierId, by.kind === 'citizen' ? by.citizenId : null],
    );
    const r = rows[0]!;
    if (by.kind === 'staff' ? !isDeskOf(by.actor, d.receivingPath) && !isDeskOf(by.actor, d.resolvingPath) : !r.citizenOwns) {
      throw commonErrors.forbidden(by.kind === 'staff' ? 'dossiers.receive' : 'citizen.owner');
    }
    if (!unreturnedStatuses.includes(d.status) || r.shipped) throw postalErrors.resultAlreadyOut();
    if (!r.postalReturn) throw postalErrors.noReturnByPost();
    await tx.query(
      `INSERT INTO postal_delivery_address (dossier_id, address, phone, requested_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (dossier_id) DO UPDATE SET address = EXCLUDED.address, phone = EXCLUDED.phone, requested_at = EXCLUDED.requested_at`,
      [dossierId, input.address, input.phone, now],
    );
    await recordEvent(tx, dossierId, {
      at: now,
      actorId: by.kind === 'staff' ? by.actor.userId : null,
      actorName: by.kind === 'staff' ? by.actor.fullName : by.fullName,
      note: 'Người dân đăng ký nhận kết quả qua dịch vụ bưu chính công ích',
      event: { type: 'result_delivery_changed', from: r.resultDelivery, to: 'post', address: input.address },
    });
  });
}
