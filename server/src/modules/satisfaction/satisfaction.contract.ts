import { z } from 'zod';
import { PERIOD_REVERSED, periodInOrder, ZDay } from '../working-calendar/calendar-day.contract.js';
import { ratingChannels } from './satisfaction.rules.js';

const ZScore = z.union([z.literal(0), z.literal(1), z.literal(2)]);
export const ZScores = z.object({ i1: ZScore, i2: ZScore, i3: ZScore, i4: ZScore, i5: ZScore, i6: ZScore, i7: ZScore, i8: ZScore, i9: ZScore });
/** `comment`: the citizen's own words beside the nine indicators (optional; blank counts as none). */
export const ZRatingInput = z.object({
  scores: ZScores,
  officerScore: ZScore.optional(),
  comment: z.string().trim().max(1000, 'Ý kiến tối đa 1000 ký tự').optional(),
});
export type TRatingInput = z.infer<typeof ZRatingInput>;

export const ZPortalRatingInput = ZRatingInput.extend({ code: z.string().trim().min(10).max(60), secret: z.string().trim().min(4).max(20) });
export const ZKioskRatingInput = ZRatingInput.extend({ code: z.string().trim().min(10).max(60) });

export const ZRating = z.object({ id: z.string().uuid(), dossierCode: z.string(), channel: z.enum(ratingChannels), ratedAt: z.date(), officerName: z.string().nullable() });

export const ZRateableDossier = z.object({ code: z.string(), procedureName: z.string(), officerName: z.string().nullable(), rated: z.boolean(), rateable: z.boolean() });

export const ZKioskPairInput = z.object({ unitId: z.string().uuid(), name: z.string().trim().min(1).max(100) });
export const ZKiosk = z.object({ id: z.string().uuid(), unitId: z.string().uuid(), unitName: z.string(), name: z.string(), createdAt: z.date(), revokedAt: z.date().nullable(), lastUsedAt: z.date().nullable() });
export const ZPairedKiosk = ZKiosk.extend({ token: z.string() });

export const ZPeriodQuery = z.object({ from: ZDay, to: ZDay });
export const ZMyRatings = z.object({
  items: z.array(
    z.object({
      ratedAt: z.date(),
      day: z.string(),
      channel: z.enum(ratingChannels),
      dossierId: z.string().uuid(),
      dossierCode: z.string(),
      procedureName: z.string(),
      /** Mức hài lòng với cán bộ: 2 rất hài lòng, 1 hài lòng, 0 không hài lòng; null when the citizen did not rate the officer. */
      officerScore: z.number().int().nullable(),
      /** Tổng điểm chín chỉ số (tối đa 18). */
      total: z.number().int(),
      comment: z.string().nullable(),
    }),
  ),
  count: z.number().int(),
  officerScoreAverage: z.number().nullable(),
  totalAverage: z.number().nullable(),
});

export const ZSummaryQuery = z.object({
  unitId: z.string().uuid(),
  from: ZDay,
  to: ZDay,
}).refine(periodInOrder, PERIOD_REVERSED);
export const ZSummary = z.object({
  ratings: z.number(),
  byChannel: z.object({ portal: z.number(), kiosk: z.number() }),
  indicators: z.array(z.object({ key: z.string(), number: z.number(), label: z.string(), count: z.number(), sum: z.number(), average: z.number().nullable() })),
  officers: z.array(z.object({ officerId: z.string().uuid(), officerName: z.string(), ratings: z.number(), officerScoreSum: z.number(), indicatorTotal: z.number().nullable() })),
  /** The latest comments of the period (at most 50), newest first. */
  comments: z.array(z.object({ ratedAt: z.date(), channel: z.enum(ratingChannels), dossierCode: z.string(), procedureName: z.string(), comment: z.string() })),
});
