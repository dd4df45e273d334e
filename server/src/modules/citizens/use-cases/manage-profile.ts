import type { Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { commonErrors } from '../../../platform/errors.js';
import { validateCccd } from '../../applicants/cccd.rules.js';
import { normalizePhoneVn } from '../../applicants/phone.rules.js';
import { vnDateOf } from '../../working-calendar/vn-time.js';
import type { TProfile, TProfileUpdate } from '../citizen.contract.js';
import { citizenErrors } from '../citizen.errors.js';
import { getProfile, updateProfile } from '../citizen.repo.js';

export async function readProfile(deps: { db: Db }, citizenId: string): Promise<TProfile> {
  const p = await getProfile(deps.db, citizenId);
  if (!p) throw commonErrors.unauthenticated();
  return p;
}

/**
 * Updates the profile. For a citizen signed in through the electronic identity, name, birth date, gender and CCCD come
 * from it and are not edited here; the CCCD is checked against the birth date and gender it encodes. A new phone or
 * e-mail is not set here: it is proved by a code sent to it (change-contact.ts).
 */
export async function editProfile(deps: { db: Db; clock: Clock }, citizenId: string, input: TProfileUpdate): Promise<TProfile> {
  const current = await readProfile(deps, citizenId);
  const set: Record<string, unknown> = {};
  if (!current.verified) {
    if (input.fullName !== undefined) set.full_name = input.fullName;
    if (input.birthDate !== undefined) set.birth_date = input.birthDate;
    if (input.gender !== undefined) set.gender = input.gender;
    if (input.idNumber !== undefined && input.idNumber !== current.idNumber) {
      set.id_number = input.idNumber;
      // A new number is a new claim: the proof recorded at the desk was for the old one.
      Object.assign(set, { id_verified_at: null, id_verified_via: null, id_verified_by: null, id_verified_unit_id: null });
    }
    const idNumber = input.idNumber ?? current.idNumber;
    if (idNumber) {
      const check = validateCccd(idNumber, { birthDate: input.birthDate ?? current.birthDate ?? undefined, gender: (input.gender === undefined ? current.gender : input.gender) ?? undefined, today: vnDateOf(deps.clock.now()) });
      if (!check.ok) throw citizenErrors.badProfile(check.reasonVi);
    }
  }
  if (input.address !== undefined) set.address = input.address;
  if (input.addressUnitId !== undefined) set.address_unit_id = input.addressUnitId;
  // A new phone or e-mail is proved by a code first (change-contact.ts); here it can only be kept or removed.
  if (input.email !== undefined) {
    const email = input.email?.trim().toLowerCase() || null;
    if (email && email !== current.email) throw citizenErrors.contactNeedsCode('email');
    if (!email) set.email = null;
  }
  if (input.phone !== undefined) {
    if (input.phone === null || input.phone === '') set.phone = null;
    else {
      const p = normalizePhoneVn(input.phone);
      if (!p.ok) throw citizenErrors.badProfile(p.reasonVi);
      if (p.national !== current.phone) throw citizenErrors.contactNeedsCode('phone');
    }
  }
  try {
    await updateProfile(deps.db, citizenId, set, deps.clock.now());
  } catch (err) {
    const c = (err as { code?: string; constraint?: string });
    // The account's last way to sign in with a password cannot be removed.
    if (c.code === '23514') throw citizenErrors.lastIdentifier();
    if (c.code === '23505') throw citizenErrors.taken(c.constraint?.includes('email') ? 'email' : c.constraint?.includes('phone') ? 'phone' : 'idNumber');
    throw err;
  }
  return readProfile(deps, citizenId);
}
