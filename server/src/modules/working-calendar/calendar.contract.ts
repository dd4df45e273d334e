import { z } from 'zod';
import { ZDay } from './calendar-day.contract.js';

const ZTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Giờ dạng HH:MM');
export const ZSession = z.object({ start: ZTime, end: ZTime }).refine((s) => s.start < s.end, 'Giờ kết thúc phải sau giờ bắt đầu');

export const ZAdjustmentKind = z.enum(['day_off', 'working_day', 'extra_session']);

export const ZAdjustment = z.object({
  id: z.string().uuid(),
  day: z.string(),
  kind: ZAdjustmentKind,
  name: z.string(),
  unitId: z.string().uuid().nullable(),
  unitName: z.string().nullable(),
  sessions: z.array(z.object({ start: z.string(), end: z.string() })).nullable(),
});
export type TAdjustment = z.infer<typeof ZAdjustment>;

/**
 * An official adjustment: an extra day off or a swapped day (day_off), a make-up working day (working_day), or an
 * out-of-hours intake session of a unit (extra_session). Without unitId it applies everywhere.
 */
export const ZCreateAdjustmentInput = z
  .object({
    day: ZDay,
    kind: ZAdjustmentKind,
    name: z.string().trim().min(3).max(300),
    unitId: z.string().uuid().nullable().default(null),
    sessions: z.array(ZSession).min(1).max(4).optional(),
  })
  .refine((a) => a.kind !== 'extra_session' || (a.sessions !== undefined && a.unitId !== null), {
    message: 'Buổi tiếp nhận ngoài giờ cần đơn vị và khung giờ',
    path: ['sessions'],
  });
export type TCreateAdjustmentInput = z.infer<typeof ZCreateAdjustmentInput>;

export const ZYearView = z.object({
  year: z.number().int(),
  unitId: z.string().uuid().nullable(),
  weeklySessions: z.record(z.string(), z.array(z.object({ start: z.string(), end: z.string() }))),
  daysOff: z.array(z.object({ date: z.string(), nameVi: z.string(), nameEn: z.string() })),
  makeUpDays: z.array(z.object({ date: z.string(), name: z.string() })),
  adjustments: z.array(ZAdjustment),
  workingDays: z.number().int(),
});

export const ZDueInput = z.object({
  receivedAt: z.string().datetime({ offset: true }),
  amount: z.number().min(0).max(365),
  unit: z.enum(['working_day', 'half_day', 'working_hour', 'same_day']),
  /** Paper dossier received at the desk: the 15:00 cut-off applies (Nghị định 61/2018 Điều 18 k2). */
  paper: z.boolean().default(true),
  unitId: z.string().uuid().optional(),
});

export const ZDueResult = z.object({
  countingFrom: z.string(),
  dueAt: z.string(),
  dueAtText: z.string(),
  workingMinutes: z.number(),
});

const ZClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Giờ dạng HH:MM');

/**
 * A province's office hours from a date (giờ làm việc buổi sáng, buổi chiều). Each session starts before it ends and
 * the morning ends no later than the afternoon starts. The date is today or later: days already passed keep their hours.
 */
export const ZSetWorkingHoursInput = z
  .object({
    unitId: z.string().uuid(),
    effectiveFrom: ZDay,
    morningStart: ZClock,
    morningEnd: ZClock,
    afternoonStart: ZClock,
    afternoonEnd: ZClock.or(z.literal('24:00')),
  })
  .refine((h) => h.morningStart < h.morningEnd, { message: 'Buổi sáng: giờ kết thúc phải sau giờ bắt đầu', path: ['morningEnd'] })
  .refine((h) => h.afternoonStart < h.afternoonEnd, { message: 'Buổi chiều: giờ kết thúc phải sau giờ bắt đầu', path: ['afternoonEnd'] })
  .refine((h) => h.morningEnd <= h.afternoonStart, { message: 'Buổi chiều phải bắt đầu sau khi buổi sáng kết thúc', path: ['afternoonStart'] });
export type TSetWorkingHoursInput = z.infer<typeof ZSetWorkingHoursInput>;

export const ZWorkingHours = z.object({
  id: z.string().uuid(),
  unitId: z.string().uuid(),
  effectiveFrom: z.string(),
  morningStart: z.string(),
  morningEnd: z.string(),
  afternoonStart: z.string(),
  afternoonEnd: z.string(),
  setAt: z.date(),
  setByName: z.string().nullable(),
});
export type TWorkingHours = z.infer<typeof ZWorkingHours>;

/** The hours a unit works under: its province's rows (latest first), the ones in force today and the default. */
export const ZWorkingHoursView = z.object({
  provinceId: z.string().uuid(),
  provinceName: z.string(),
  rows: z.array(ZWorkingHours),
  today: z.array(z.object({ start: z.string(), end: z.string() })),
  /** Minutes of a working day under today's hours (480 for 7:30–11:30, 13:30–17:30). */
  dayMinutes: z.number().int().positive(),
  defaults: z.array(z.object({ start: z.string(), end: z.string() })),
});
