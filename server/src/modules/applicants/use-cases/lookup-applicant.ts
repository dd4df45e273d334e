import type { Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { commonErrors } from '../../../platform/errors.js';
import { recordDossierAccess } from '../../audit/dossier-access.repo.js';
import { can, scopePaths, type Actor } from '../../identity/permissions.policy.js';
import { vnDateOf } from '../../working-calendar/vn-time.js';
import type { TKnownApplicant } from '../applicant.contract.js';
import { latestDossierApplicant, verifiedAccountApplicant, type ApplicantFacts } from '../applicant.repo.js';
import { validateCccd } from '../cccd.rules.js';

/** The provinces (top-level unit paths) of the units where the actor receives dossiers. */
export function provincePathsOf(paths: string[]): string[] {
  return [...new Set(paths.map((p) => `/${p.split('/')[1]}/`))];
}

/**
 * The applicant the province already knows from a CCCD typed at the desk — their newest dossier in the province, else
 * (or to fill its gaps) their verified citizen account — so nothing is typed twice (Thông tư 32/2017/TT-BTTTT Điều 4:
 * information the state holds is not asked for again). Only the officer's own provinces are searched. Reading a
 * dossier's applicant this way is recorded in that dossier's access log, as a search by number is.
 */
export async function lookupApplicant(deps: { db: Db; clock: Clock }, actor: Actor, idNumber: string): Promise<TKnownApplicant> {
  if (!can(actor, 'dossiers.receive')) throw commonErrors.forbidden('dossiers.receive');
  const now = deps.clock.now();
  const cccd = validateCccd(idNumber, { today: vnDateOf(now) });
  if (!cccd.ok) throw commonErrors.validation([{ path: '/idNumber', message: cccd.reasonVi }]);
  const provinces = provincePathsOf(scopePaths(actor, 'dossiers.receive'));
  const [dossier, account] = await Promise.all([latestDossierApplicant(deps.db, idNumber, provinces), verifiedAccountApplicant(deps.db, idNumber, provinces)]);
  if (!dossier && !account) return { found: false, applicant: null };
  if (dossier) await recordDossierAccess(deps.db, { dossierIds: [dossier.dossierId], at: now, actor, purpose: 'search', detail: 'CCCD' });
  // The newest dossier's facts first (the person gave them most recently), the account's where the dossier has none.
  const pick = <K extends Exclude<keyof ApplicantFacts, 'gender'>>(k: K) => dossier?.[k] ?? account?.[k] ?? null;
  return {
    found: true,
    applicant: {
      idNumber,
      fullName: (dossier?.fullName ?? account?.fullName)!,
      birthDate: pick('birthDate'),
      // The CCCD itself says the gender (Thông tư 59/2021/TT-BCA Điều 7); an account's own entry comes after.
      gender: cccd.gender ?? account?.gender ?? null,
      address: pick('address'),
      addressUnitId: pick('addressUnitId'),
      phone: pick('phone'),
      email: pick('email'),
      sources: [...(dossier ? (['earlier_dossier'] as const) : []), ...(account ? (['citizen_account'] as const) : [])],
      lastDossierAt: dossier?.submittedAt ?? null,
    },
  };
}
