import { z } from 'zod';
import { dayProblemText, isoDayProblem } from './calendar-day.rules.js';

/**
 * A calendar day, `YYYY-MM-DD`, that exists (2026-02-30 is refused); what is wrong is said exactly, in Vietnamese with
 * its English in `params.messageEn` (platform/validation.ts). Every contract takes its days from here.
 */
export const ZDay = z.string().superRefine((v, ctx) => {
  const p = isoDayProblem(v);
  if (!p) return;
  const text = dayProblemText(p);
  ctx.addIssue({ code: 'custom', message: text.vi, params: { messageEn: text.en } });
});

/** A period's start is not after its end: `.refine(periodInOrder, PERIOD_REVERSED)` on a `{ from, to }` object. */
export const periodInOrder = (q: { from?: string | undefined; to?: string | undefined }): boolean => q.from === undefined || q.to === undefined || q.from <= q.to;
export const PERIOD_REVERSED = { message: 'Ngày kết thúc (to) trước ngày bắt đầu (from): đổi chỗ hai ngày.', path: ['to'], params: { messageEn: 'The end date (to) is before the start date (from): swap them.' } };
