import { z } from 'zod';
import { ratingChannels } from './satisfaction.rules.js';

const ZScore = z.union([z.literal(0), z.literal(1), z.literal(2)]);
export const ZScores = z.object({ i1: ZScore, i2: ZScore, i3: ZScore, i4: ZScore, i5: ZScore, i6: ZScore, i7: ZScore, i8: ZScore, i9: ZScore });
export const ZRatingInput = z.object({ scores: ZScores, officerScore: ZScore.optional() });
export type TRatingInput = z.infer<typeof ZRatingInput>;

export const ZPortalRatingInput = ZRatingInput.extend({ code: z.string().trim().min(10).max(60), secret: z.string().trim().min(4).max(20) });
export const ZKioskRatingInput = ZRatingInput.extend({ code: z.string().trim().min(10).max(60) });

export const ZRating = z.object({ id: z.string().uuid(), dossierCode: z.string(), channel: z.enum(ratingChannels), ratedAt: z.date(), officerName: z.string().nullable() });

export const ZRateableDossier = z.object({ code: z.string(), procedureName: z.string(), officerName: z.string().nullable(), rated: z.boolean(), rateable: z.boolean() });

export const ZKioskPairInput = z.object({ unitId: z.string().uuid(), name: z.string().trim().min(1).max(100) });
export const ZKiosk = z.object({ id: z.string().uuid(), unitId: z.string().uuid(), unitName: z.string(), name: z.string(), createdAt: z.date(), revokedAt: z.date().nullable(), lastUsedAt: z.date().nullable() });
export const ZPairedKiosk = ZKiosk.extend({ token: z.string() });

export const ZSummaryQuery = z.object({
  unitId: z.string().uuid(),
  from: z.iso.date(),
  to: z.iso.date(),
});
export const ZSummary = z.object({
  ratings: z.number(),
  byChannel: z.object({ portal: z.number(), kiosk: z.number() }),
  indicators: z.array(z.object({ key: z.string(), number: z.number(), label: z.string(), count: z.number(), sum: z.number(), average: z.number().nullable() })),
  officers: z.array(z.object({ officerId: z.string().uuid(), officerName: z.string(), ratings: z.number(), officerScoreSum: z.number(), indicatorTotal: z.number().nullable() })),
});
