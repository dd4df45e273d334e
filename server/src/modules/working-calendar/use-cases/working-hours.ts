import { withTransaction, type Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { commonErrors, DomainError } from '../../../platform/errors.js';
import { recordAudit } from '../../audit/audit.repo.js';
import { can, type Actor } from '../../identity/permissions.policy.js';
import { unitErrors } from '../../org-units/unit.errors.js';
import { getUnit } from '../../org-units/unit.repo.js';
import type { TSetWorkingHoursInput } from '../calendar.contract.js';
import { listProvinceWorkingHours, listWorkingHours, upsertWorkingHours } from '../calendar.repo.js';
import { defaultCalendarConfig } from '../calendar.rules.js';
import { vnDateOf } from '../vn-time.js';

export const workingHoursErrors = {
  notProvince: () =>
    new DomainError('CALENDAR.HOURS_NOT_PROVINCE', 'unprocessable', 'Giờ làm việc được đặt cho cả tỉnh, thành phố.', 'Working hours are set for a whole province.'),
  inPast: () =>
    new DomainError(
      'CALENDAR.HOURS_IN_PAST',
      'unprocessable',
      'Ngày áp dụng phải từ hôm nay trở đi: các ngày đã qua giữ giờ làm việc của thời điểm đó.',
      'The hours take effect today or later: past days keep the hours of their time.',
    ),
};

/** The province a unit belongs to (the root of its path). */
async function provinceOf(db: Db, unitId: string) {
  const unit = await getUnit(db, unitId);
  if (!unit) throw unitErrors.notFound();
  const province = await getUnit(db, unit.path.split('/')[1]!);
  if (!province) throw unitErrors.notFound();
  return province;
}

/** The province's hours: every row (latest first), those in force today and the national default. Staff of any unit. */
export async function getWorkingHours(deps: { db: Db; clock: Clock }, unitId: string) {
  const province = await provinceOf(deps.db, unitId);
  const today = vnDateOf(deps.clock.now());
  const defaults = [...defaultCalendarConfig.weeklySessions[1]];
  const inForce = [...((await listWorkingHours(deps.db, province.path)).filter((r) => r.from <= today).at(-1)?.sessions ?? defaults)];
  return {
    provinceId: province.id,
    provinceName: province.name,
    rows: await listProvinceWorkingHours(deps.db, province.id),
    today: inForce,
    defaults,
  };
}

/**
 * Sets a province's office hours from a date (`calendar.manage` over the province: its administrator). The date is
 * today or later so that days already passed, and the deadlines computed on them, keep their hours. Audited.
 */
export async function setWorkingHours(deps: { db: Db; clock: Clock }, actor: Actor, input: TSetWorkingHoursInput): Promise<string> {
  const unit = await getUnit(deps.db, input.unitId);
  if (!unit) throw unitErrors.notFound();
  if (!can(actor, 'calendar.manage', unit.path)) throw commonErrors.forbidden('calendar.manage');
  if (unit.kind !== 'province') throw workingHoursErrors.notProvince();
  const now = deps.clock.now();
  if (input.effectiveFrom < vnDateOf(now)) throw workingHoursErrors.inPast();
  return withTransaction(deps.db, async (tx) => {
    const before = (await listProvinceWorkingHours(tx, unit.id)).find((r) => r.effectiveFrom === input.effectiveFrom) ?? null;
    const id = await upsertWorkingHours(tx, input, actor.userId, now);
    await recordAudit(tx, {
      actorId: actor.userId,
      actorName: actor.fullName,
      action: 'calendar.working_hours_set',
      entity: 'unit',
      entityId: unit.id,
      before,
      after: input,
      unitPaths: [unit.path],
      at: now,
    });
    return id;
  });
}
