import dayjs, { type Dayjs } from 'dayjs';
import { formatPercent, todayVn } from '../../../lib/format.js';

export type Range = { from: string; to: string };
export type Preset = 'month' | 'quarter' | 'year';

/** The current month, quarter or year up to today (Vietnam dates). */
export function presetRange(preset: Preset, today = todayVn()): Range {
  const d = dayjs(today);
  const start = preset === 'month' ? d.startOf('month') : preset === 'year' ? d.startOf('year') : d.month(Math.floor(d.month() / 3) * 3).startOf('month');
  return { from: start.format('YYYY-MM-DD'), to: today };
}

export function toDayjs(r: Range): [Dayjs, Dayjs] {
  return [dayjs(r.from), dayjs(r.to)];
}

/** "24,08 %" or "–" (the console's one percent format). */
export const pct = formatPercent;
