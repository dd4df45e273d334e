import { z } from 'zod';
import { ZDay } from '../working-calendar/calendar-day.contract.js';
import { ZGroup5Figures } from '../feedback/feedback.contract.js';


/** A report's subject: a unit (its whole subtree) and a day range, inclusive, in Vietnam dates. */
export const ZReportQuery = z.object({
  unitId: z.string().uuid(),
  from: ZDay,
  to: ZDay,
});
export type TReportQuery = z.infer<typeof ZReportQuery>;

export const ZRate = z.object({ numerator: z.number(), denominator: z.number(), value: z.number().nullable() });

export const ZRates = z.object({
  onlineRate: ZRate,
  onlineFullRate: ZRate,
  onTimeRate: ZRate,
  onTimeNationalRate: ZRate,
  postalIntakeRate: ZRate,
  postalReturnRate: ZRate,
  digitisationRate: ZRate,
  eResultRate: ZRate,
  onlinePaymentRate: ZRate,
  satisfactionRate: ZRate,
});

/** The 13 columns of Biểu số 06/VPCP/KSTT (Thông tư 01/2020/TT-VPCP). */
export const ZForm06Row = z.object({
  total: z.number(),
  online: z.number(),
  deskPostal: z.number(),
  carriedOver: z.number(),
  resolved: z.number(),
  early: z.number(),
  onTime: z.number(),
  late: z.number(),
  open: z.number(),
  openOnTime: z.number().nullable(),
  openOverdue: z.number().nullable(),
});
export type TForm06Row = z.infer<typeof ZForm06Row>;

export const ZUnitRef = z.object({ id: z.string().uuid(), name: z.string(), kind: z.string(), closed: z.boolean(), hasChildren: z.boolean() });

export const ZSummaryLine = z.object({
  unit: ZUnitRef.nullable(),
  form06: ZForm06Row,
  rates: ZRates,
  returnedByPost: z.number(),
  apologies: z.number(),
  /** Apology letters issued late (after one working day before the due time), among `apologies`. */
  apologiesLate: z.number(),
  paidOnline: z.number(),
  satisfactionAverage: z.number().nullable(),
});

export const ZIndicator766 = z.object({
  code: z.string(),
  group: z.number(),
  nameVi: z.string(),
  max: z.number(),
  targetPct: z.number().nullable(),
  ratePct: z.number().nullable(),
  points: z.number().nullable(),
});

/** Dashboard: the unit's total, each direct child's subtree, the indicators of QĐ 766. */
export const ZSummary = z.object({
  unit: ZUnitRef,
  path: z.array(z.object({ id: z.string().uuid(), name: z.string() })),
  from: ZDay,
  to: ZDay,
  /** True when the open split is live (period ends today or later) rather than from the end-of-day snapshot. */
  live: z.boolean(),
  total: ZSummaryLine,
  children: z.array(ZSummaryLine),
  indicators766: z.object({ indicators: z.array(ZIndicator766), points: z.number(), maxAvailable: z.number() }),
});
export type TSummary = z.infer<typeof ZSummary>;

export const ZTrendQuery = ZReportQuery.extend({ by: z.enum(['day', 'month']).default('month') });
export const ZTrend = z.object({
  points: z.array(
    z.object({ bucket: z.string(), received: z.number(), receivedOnline: z.number(), receivedPostal: z.number(), resolved: z.number(), resolvedLate: z.number(), onlineRate: z.number().nullable(), onTimeRate: z.number().nullable() }),
  ),
});
export type TTrend = z.infer<typeof ZTrend>;

export const ZPeriodQuery = ZReportQuery.extend({
  by: z.enum(['unit', 'procedure']).default('unit'),
});
export type TPeriodQuery = z.infer<typeof ZPeriodQuery>;

export const ZPeriodReport = z.object({
  unitName: z.string(),
  from: ZDay,
  to: ZDay,
  by: z.enum(['unit', 'procedure']),
  rows: z.array(z.object({ label: z.string(), group: z.string().nullable(), values: ZForm06Row })),
  total: ZForm06Row,
  /** QĐ 766/QĐ-TTg group 5 (feedback, phản ánh kiến nghị) per direct sub-unit, by period of receipt, and the total. */
  group5: z.object({ rows: z.array(z.object({ label: z.string(), group: z.string().nullable(), values: ZGroup5Figures })), total: ZGroup5Figures }),
});
export type TPeriodReport = z.infer<typeof ZPeriodReport>;

export const ZDailyFigures = z.object({
  receivedDesk: z.number(),
  receivedOnline: z.number(),
  receivedPostal: z.number(),
  resolvedEarly: z.number(),
  resolvedOnTime: z.number(),
  resolvedLate: z.number(),
  openOnTime: z.number(),
  openOverdue: z.number(),
  returnedByPost: z.number(),
  paidOnline: z.number(),
  apologies: z.number(),
  /** Reports stored before the count existed read as 0. */
  apologiesLate: z.number().default(0),
});

/** What a stored daily report holds: the unit's figures and each sub-unit's, rolled up the tree. */
export const ZDailyData = z.object({
  unitName: z.string(),
  day: ZDay,
  at: z.string(),
  total: ZDailyFigures,
  rows: z.array(z.object({ name: z.string(), depth: z.number(), figures: ZDailyFigures })),
});
export type TDailyData = z.infer<typeof ZDailyData>;

export const ZDailyListItem = z.object({ id: z.string().uuid(), unitId: z.string().uuid(), unitName: z.string(), day: ZDay, producedAt: z.date() });

/** "Lập ngay": one unit in the caller's scope, or (without a unit) every unit where the caller manages reports. */
export const ZDailyRunInput = z.strictObject({ unitId: z.string().uuid().optional() });
export const ZDailyRunResult = z.object({ produced: z.number(), emailed: z.number(), reports: z.array(z.object({ id: z.string().uuid(), unitId: z.string().uuid(), day: ZDay })) });

export const targetIndicators = ['online_rate', 'on_time_rate', 'digitised_rate', 'online_payment_rate', 'postal_return_rate', 'satisfaction_rate'] as const;
export const ZTargetIndicator = z.enum(targetIndicators);
export type TTargetIndicator = z.infer<typeof ZTargetIndicator>;

export const ZTargetInput = z.object({
  unitId: z.string().uuid(),
  year: z.number().int().min(2000).max(2100),
  indicator: ZTargetIndicator,
  targetPct: z.number().min(0).max(100),
});
export type TTargetInput = z.infer<typeof ZTargetInput>;

export const ZRankingQuery = z.object({ unitId: z.string().uuid(), year: z.coerce.number().int().min(2000).max(2100), indicator: ZTargetIndicator.default('online_rate') });
export const ZRanking = z.object({
  year: z.number(),
  indicator: ZTargetIndicator,
  units: z.array(
    z.object({ unitId: z.string().uuid(), name: z.string(), ratePct: z.number().nullable(), targetPct: z.number().nullable(), rank: z.number().nullable(), gapPct: z.number().nullable(), laggard: z.boolean() }),
  ),
});
export type TRanking = z.infer<typeof ZRanking>;

export const ZStepTimes = z.object({
  unitName: z.string(),
  from: z.string(),
  to: z.string(),
  truncated: z.boolean(),
  rows: z.array(
    z.object({
      unitId: z.string().uuid(),
      unitName: z.string(),
      stepName: z.string(),
      officerId: z.string().uuid().nullable(),
      officerName: z.string().nullable(),
      stints: z.number(),
      dossiers: z.number(),
      workingMinutes: z.number(),
      averageWorkingMinutes: z.number(),
      maxWorkingMinutes: z.number(),
      elapsedMinutes: z.number(),
    }),
  ),
});
