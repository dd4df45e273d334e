import { withTransaction, type Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { commonErrors, DomainError } from '../../../platform/errors.js';
import { recordAudit } from '../../audit/audit.repo.js';
import { can, type Actor } from '../../identity/permissions.policy.js';
import { unitErrors } from '../../org-units/unit.errors.js';
import { getUnit } from '../../org-units/unit.repo.js';
import type { TSetWorkingHoursInput } from '../calendar.contract.js';
import { deleteWorkingHours, getWorkingHoursRow, listProvinceWorkingHours, listWorkingHours, upsertWorkingHours, workingHoursInUse } from '../calendar.repo.js';
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
  applied: () =>
    new DomainError(
      'CALENDAR.HOURS_APPLIED',
      'unprocessable',
      'Giờ làm việc này đã được áp dụng (đã có ngày làm việc hoặc thời hạn hồ sơ tính theo nó) nên không xóa được; hãy đặt giờ mới từ một ngày sau.',
      'These hours are already applied (days worked or dossier deadlines counted with them) and cannot be removed; set new hours from a later date.',
    ),
  notFound: () => new DomainError('CALENDAR.HOURS_NOT_FOUND', 'not_found', 'Không tìm thấy giờ làm việc này.', 'Working hours not found.'),
};

const minutesOfDay = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

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
    // The length of a working day today: a step's "0,25 ngày" reads as that share of it, in hours.
    dayMinutes: inForce.reduce((sum, x) => sum + minutesOfDay(x.end) - minutesOfDay(x.start), 0),
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

/**
 * Removes hours set by mistake, while nothing depends on them: refused once their first day has come (days were
 * worked under them) or once a dossier's deadline was counted with them (CALENDAR.HOURS_APPLIED) — deadlines already
 * given to citizens never move (the appointment on the receipt). Same permission as setting them; audited.
 */
export async function removeWorkingHours(deps: { db: Db; clock: Clock }, actor: Actor, id: string): Promise<void> {
  const row = await getWorkingHoursRow(deps.db, id);
  if (!row) throw workingHoursErrors.notFound();
  if (!can(actor, 'calendar.manage', row.provincePath)) throw commonErrors.forbidden('calendar.manage');
  const now = deps.clock.now();
  await withTransaction(deps.db, async (tx) => {
    if (row.effectiveFrom <= vnDateOf(now) || (await workingHoursInUse(tx, row))) throw workingHoursErrors.applied();
    await deleteWorkingHours(tx, id);
    const { provincePath, ...before } = row;
    await recordAudit(tx, {
      actorId: actor.userId,
      actorName: actor.fullName,
      action: 'calendar.working_hours_removed',
      entity: 'unit',
      entityId: row.unitId,
      before,
      unitPaths: [provincePath],
      at: now,
    });
  });
}
