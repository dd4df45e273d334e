import { z } from 'zod';

export const ZTakeTicketInput = z.object({ deskUnitId: z.string().uuid() });
export const ZCallNextInput = z.object({ deskUnitId: z.string().uuid(), counterNo: z.number().int().min(1).max(99) });

export const ZTicket = z.object({ number: z.number().int(), day: z.string(), takenAt: z.date(), calledAt: z.date().nullable(), counterNo: z.number().int().nullable() });
export type TTicket = z.infer<typeof ZTicket>;

/** What the hall's screen shows: no personal data, only numbers and counters. */
export const ZHallDisplay = z.object({
  deskName: z.string(),
  day: z.string(),
  /** Numbers taken and not yet called today. */
  waiting: z.number().int(),
  /** The number each counter called last today, counter by counter. */
  counters: z.array(z.object({ counterNo: z.number().int(), number: z.number().int(), calledAt: z.date() })),
  /** The latest call, shown the largest. */
  lastCall: z.object({ counterNo: z.number().int(), number: z.number().int(), calledAt: z.date() }).nullable(),
});
export type THallDisplay = z.infer<typeof ZHallDisplay>;
