import type { Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import type { AppConfig } from '../../../platform/config.js';
import { commonErrors } from '../../../platform/errors.js';
import { validateCccd } from '../../applicants/cccd.rules.js';
import { can, type Actor } from '../../identity/permissions.policy.js';
import { vnDateOf } from '../../working-calendar/vn-time.js';
import { onlineSubmissionUnits } from '../../citizens/use-cases/online-dossiers.js';
import type { Person, PopulationRegistry } from '../population.adapter.js';
import { populationErrors } from '../population.errors.js';
import { deskConsentInForce, insertConsent, logLookup, lookupsOf, lookupsUnder, type ConsentRow, type LookupLog, type LookupView } from '../population.repo.js';

export type PopulationDeps = { db: Db; clock: Clock; config: Pick<AppConfig, 'populationConsentDays'>; registry: PopulationRegistry };

function checkedNumber(idNumber: string, now: Date): string {
  const r = validateCccd(idNumber, { today: vnDateOf(now) });
  if (!r.ok) throw populationErrors.badIdNumber(r.reasonVi);
  if (r.number.length !== 12) throw populationErrors.badIdNumber('cần số định danh cá nhân 12 chữ số');
  return r.number;
}

async function unitOf(db: Db, unitId: string): Promise<{ id: string; path: string } | null> {
  const { rows } = await db.query<{ id: string; path: string }>(`SELECT id, path FROM unit WHERE id = $1`, [unitId]);
  return rows[0] ?? null;
}

/** The desk's own unit, where the officer receives dossiers; anything else is refused as not theirs. */
async function deskOf(db: Db, actor: Actor, unitId: string): Promise<{ id: string; path: string }> {
  const unit = await unitOf(db, unitId);
  if (!unit || !can(actor, 'dossiers.receive', unit.path)) throw commonErrors.forbidden('dossiers.receive');
  return unit;
}

const expiry = (deps: PopulationDeps, at: Date) => new Date(at.getTime() + deps.config.populationConsentDays * 86_400_000);

/**
 * The officer records that the applicant in front of them agreed to their population data being read for `purpose`
 * (Nghị định 13/2023/NĐ-CP Điều 11: consent to processing personal data). The consent is bound to this desk and
 * lapses after POPULATION_CONSENT_DAYS; it is never rewritten (append-only table).
 */
export async function recordDeskConsent(deps: PopulationDeps, actor: Actor, input: { idNumber: string; unitId: string; purpose: string }): Promise<ConsentRow> {
  const now = deps.clock.now();
  const idNumber = checkedNumber(input.idNumber, now);
  const desk = await deskOf(deps.db, actor, input.unitId);
  return insertConsent(deps.db, { idNumber, purpose: input.purpose, via: 'desk', citizenId: null, officerId: actor.userId, unitId: desk.id, at: now, expiresAt: expiry(deps, now) });
}

/** Asks the registry and logs the look-up whatever its outcome (found, not found, or the platform unreachable). */
async function askAndLog(deps: PopulationDeps, log: Omit<LookupLog, 'outcome' | 'at'>): Promise<Person> {
  let person: Person | null;
  try {
    person = await deps.registry.lookup({ idNumber: log.idNumber, purpose: log.purpose, requester: log.actorName });
  } catch (err) {
    await logLookup(deps.db, { ...log, at: deps.clock.now(), outcome: 'unavailable' });
    throw err;
  }
  await logLookup(deps.db, { ...log, at: deps.clock.now(), outcome: person ? 'found' : 'not_found' });
  if (!person) throw populationErrors.notFound();
  return person;
}

/**
 * "Lấy từ CSDL quốc gia về dân cư" at the desk (Nghị định 224/2026 Điều 15 k1d: prefill from national databases so the
 * citizen is not asked for what the state holds): only an officer of the receiving desk, only for a number whose
 * holder's consent was recorded at that desk and is in force. Every look-up is logged with who, when, which number, why.
 */
export async function lookUpAtDesk(deps: PopulationDeps, actor: Actor, input: { idNumber: string; unitId: string }): Promise<Person> {
  const now = deps.clock.now();
  const idNumber = checkedNumber(input.idNumber, now);
  const desk = await deskOf(deps.db, actor, input.unitId);
  const consent = await deskConsentInForce(deps.db, idNumber, desk.id, now);
  if (!consent) throw populationErrors.consentRequired();
  return askAndLog(deps, { idNumber, purpose: consent.purpose, consentId: consent.id, actorKind: 'officer', citizenId: null, officerId: actor.userId, actorName: actor.fullName, unitId: desk.id, unitPath: desk.path, procedureId: null });
}

async function verifiedNumberOf(db: Db, citizenId: string): Promise<{ idNumber: string; fullName: string } | null> {
  const { rows } = await db.query<{ idNumber: string; fullName: string }>(
    `SELECT id_number AS "idNumber", full_name AS "fullName" FROM citizen_account WHERE id = $1 AND id_verified_at IS NOT NULL AND id_number IS NOT NULL`,
    [citizenId],
  );
  return rows[0] ?? null;
}

/**
 * The citizen fills the e-form from their own record: the consent is given by this very request (the portal shows
 * what is read and why before the citizen confirms), recorded, and the look-up logged. Only the holder of a proven
 * CCCD reads it: a claimed number would open someone else's record.
 */
export async function lookUpForCitizen(deps: PopulationDeps, citizenId: string, input: { purpose: string; procedureId: string; unitId: string }): Promise<Person> {
  const me = await verifiedNumberOf(deps.db, citizenId);
  if (!me) throw populationErrors.idNotVerified();
  const now = deps.clock.now();
  // What the look-up is for: the e-form of a procedure offered online, submitted to one of the units resolving it. The
  // log then shows in that unit's look-up register and names the procedure in the citizen's data tracker.
  const units = await onlineSubmissionUnits(deps.db, input.procedureId, vnDateOf(now));
  if (!units?.some((u) => u.id === input.unitId)) throw populationErrors.notThisPlace();
  const unit = (await unitOf(deps.db, input.unitId))!;
  const consent = await insertConsent(deps.db, { idNumber: me.idNumber, purpose: input.purpose, via: 'portal', citizenId, officerId: null, unitId: null, procedureId: input.procedureId, at: now, expiresAt: expiry(deps, now) });
  return askAndLog(deps, { idNumber: me.idNumber, purpose: input.purpose, consentId: consent.id, actorKind: 'citizen', citizenId, officerId: null, actorName: me.fullName, unitId: unit.id, unitPath: unit.path, procedureId: input.procedureId });
}

/** The look-up log of a unit's subtree, for its desk officers and inspectors. */
export async function listUnitLookups(deps: { db: Db }, actor: Actor, input: { unitId: string; limit: number; idNumber?: string; before?: Date }): Promise<LookupView[]> {
  const unit = await unitOf(deps.db, input.unitId);
  if (!unit || !(can(actor, 'audit.read', unit.path) || can(actor, 'dossiers.receive', unit.path))) throw commonErrors.forbidden('audit.read');
  return lookupsUnder(deps.db, [unit.path], input.limit, { idNumber: input.idNumber, before: input.before });
}

/** Who read the citizen's own population data, when and why (empty until their number is proven). */
export async function listMyLookups(deps: { db: Db }, citizenId: string, limit: number): Promise<LookupView[]> {
  const me = await verifiedNumberOf(deps.db, citizenId);
  return me ? lookupsOf(deps.db, me.idNumber, limit) : [];
}
