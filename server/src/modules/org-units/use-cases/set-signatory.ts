import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../platform/clock.js';
import { withTransaction, type Db, type Queryable } from '../../../platform/database.js';
import { commonErrors } from '../../../platform/errors.js';
import { recordAudit } from '../../audit/audit.repo.js';
import { can, type Actor } from '../../identity/permissions.policy.js';
import { vnDateOf } from '../../working-calendar/vn-time.js';
import { deleteSigner, getSigner, listSigners, putSigner } from '../signatory.repo.js';
import { overlappingHead, signerCapacity, signerOn, type Signer } from '../signatory.rules.js';
import { unitErrors } from '../unit.errors.js';
import { getUnit } from '../unit.repo.js';

export type SignerInput = Omit<Signer, 'id' | 'headTitle'> & { headTitle?: string | null };
export type SignersView = { signers: Signer[]; currentId: string | null };

async function unitFor(q: Queryable, actor: Actor, unitId: string) {
  const unit = await getUnit(q, unitId);
  if (!unit) throw unitErrors.notFound();
  if (!can(actor, 'units.manage', unit.path)) throw commonErrors.forbidden('units.manage');
  return unit;
}

/** The signature of a letter the unit issues at `at`: name and capacity lines of the signer valid that day, or null when none is set. */
export async function letterSigner(q: Queryable, unitId: string, at: Date): Promise<{ name: string; capacity: string[] } | null> {
  return letterSignerAmong(await listSigners(q, unitId), at);
}

/** `letterSigner` over signers already read (signatory.repo.ts `signersJsonSql`). */
export function letterSignerAmong(signers: readonly Signer[], at: Date): { name: string; capacity: string[] } | null {
  const s = signerOn(signers, vnDateOf(at));
  return s ? { name: s.fullName, capacity: signerCapacity(s) } : null;
}

/**
 * The signer of a letter the unit issues at `at`, or the refusal that says who must set one: a letter "signed" by a
 * blank head is no letter (ND 61/2018 Điều 19 k9: the competent agency's letter, signed by its head or deputy).
 */
export async function requireLetterSigner(q: Queryable, unitId: string, at: Date): Promise<{ name: string; capacity: string[] }> {
  const signer = await letterSigner(q, unitId, at);
  if (signer) return signer;
  const unit = await getUnit(q, unitId);
  throw unitErrors.noSigner(unit?.name ?? 'đơn vị giải quyết', vnDateOf(at));
}

/** Who may sign the unit's letters, and who signs today — for the administrator over the unit. */
export async function readSigners(deps: { db: Db; clock: Clock }, actor: Actor, unitId: string): Promise<SignersView> {
  await unitFor(deps.db, actor, unitId);
  const signers = await listSigners(deps.db, unitId);
  return { signers, currentId: signerOn(signers, vnDateOf(deps.clock.now()))?.id ?? null };
}

/**
 * Adds (id null) or changes a signer: the head, or a deputy authorised to sign on the head's behalf from one day to
 * another. Two heads may not overlap. Audited with the before and after values.
 */
export async function saveSigner(deps: { db: Db; clock: Clock }, actor: Actor, unitId: string, id: string | null, input: SignerInput): Promise<SignersView> {
  await withTransaction(deps.db, async (tx) => {
    const unit = await unitFor(tx, actor, unitId);
    const before = id ? await getSigner(tx, unitId, id) : null;
    if (id && !before) throw unitErrors.signerNotFound();
    const headTitle = input.kind === 'head' ? input.title : input.headTitle?.trim();
    if (!headTitle) throw unitErrors.signerInvalid('Cấp phó ký thay cần chức danh của thủ trưởng (ví dụ: Chủ tịch).', 'A deputy needs the head\'s title.');
    if (input.validTo !== null && input.validTo < input.validFrom) throw unitErrors.signerInvalid('Ngày kết thúc phải từ ngày bắt đầu trở đi.', 'The end date must not be before the start date.');
    const s: Signer = { ...input, id: id ?? randomUUID(), headTitle };
    await tx.query(`SELECT 1 FROM unit WHERE id = $1 FOR UPDATE`, [unitId]);
    if (overlappingHead(await listSigners(tx, unitId), s)) throw unitErrors.signerInvalid('Đã có thủ trưởng trong khoảng thời gian này; hãy đặt ngày kết thúc cho người trước.', 'Another head is set for these dates.');
    const at = deps.clock.now();
    await putSigner(tx, unitId, s, at, actor.userId);
    await recordAudit(tx, { actorId: actor.userId, actorName: actor.fullName, action: 'unit.signer_set', entity: 'unit', entityId: unitId, before, after: s, unitPaths: [unit.path], at });
  });
  return readSigners(deps, actor, unitId);
}

/** Removes a signer entered by mistake (letters already issued keep the signer they were issued with). Audited. */
export async function removeSigner(deps: { db: Db; clock: Clock }, actor: Actor, unitId: string, id: string): Promise<SignersView> {
  await withTransaction(deps.db, async (tx) => {
    const unit = await unitFor(tx, actor, unitId);
    const before = await getSigner(tx, unitId, id);
    if (!before) throw unitErrors.signerNotFound();
    await deleteSigner(tx, unitId, id);
    await recordAudit(tx, { actorId: actor.userId, actorName: actor.fullName, action: 'unit.signer_removed', entity: 'unit', entityId: unitId, before, after: null, unitPaths: [unit.path], at: deps.clock.now() });
  });
  return readSigners(deps, actor, unitId);
}
