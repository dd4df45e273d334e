/**
 * The ticks of a schedule (pure). A cron expression of five fields (minute hour day-of-month month day-of-week) in
 * Vietnam time, which is UTC+07:00 all year (no daylight saving), so a tick is an exact instant with no ambiguity.
 * Each field: `*`, a number, a range `a-b`, a step `* /n` or `a-b/n`, or a comma list of these; day-of-week 0–7 with 0
 * and 7 Sunday. As in cron, when both day fields are restricted a day matching either one fires.
 *
 * A tick is identified by its own instant, not by the moment an instance noticed it: two instances with different
 * clocks, or one instance noticing late after a database failover, name the same tick the same way.
 */

const VN_OFFSET_MS = 7 * 3600_000;
const MINUTE_MS = 60_000;

type Field = { values: Set<number>; restricted: boolean };
export type CronSchedule = { minute: Field; hour: Field; dayOfMonth: Field; month: Field; dayOfWeek: Field; source: string };

const RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

function parseField(text: string, [min, max]: [number, number], which: string): Field {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new Error(`Lịch cron không hợp lệ ở trường ${which}: "${part}" / invalid cron field`);
    const from = m[1] === '*' ? min : Number(m[2]);
    const to = m[1] === '*' ? max : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? max : from;
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    if (from < min || to > max || from > to || step < 1) throw new Error(`Lịch cron ngoài miền ở trường ${which}: "${part}" (${min}–${max}) / cron field out of range`);
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return { values, restricted: text !== '*' };
}

/** Reads a five-field cron expression; throws with a bilingual message on anything else. */
export function parseCron(expression: string): CronSchedule {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`Lịch cron cần 5 trường (phút giờ ngày tháng thứ): "${expression}" / a cron expression has five fields`);
  const names = ['phút/minute', 'giờ/hour', 'ngày/day', 'tháng/month', 'thứ/weekday'];
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields.map((f, i) => parseField(f, RANGES[i]!, names[i]!)) as [Field, Field, Field, Field, Field];
  if (dayOfWeek.values.has(7)) dayOfWeek.values.add(0);
  return { minute, hour, dayOfMonth, month, dayOfWeek, source: expression };
}

/** Whether the minute starting at `instant` (a whole minute) is a tick of `cron`, read in Vietnam time. */
export function isTick(cron: CronSchedule, instant: Date): boolean {
  const vn = new Date(instant.getTime() + VN_OFFSET_MS);
  if (!cron.minute.values.has(vn.getUTCMinutes()) || !cron.hour.values.has(vn.getUTCHours()) || !cron.month.values.has(vn.getUTCMonth() + 1)) return false;
  const dom = cron.dayOfMonth.values.has(vn.getUTCDate());
  const dow = cron.dayOfWeek.values.has(vn.getUTCDay());
  if (cron.dayOfMonth.restricted && cron.dayOfWeek.restricted) return dom || dow;
  return dom && dow;
}

/**
 * The latest tick of `cron` at or before `now` that is no older than `windowMs`, or null. An instance fires only this
 * one: ticks missed while no instance could reach the database are caught up within the window, older ones are not
 * (a scan every ten minutes need not run six times after an hour's outage).
 */
export function latestTick(cron: CronSchedule, now: Date, windowMs: number): Date | null {
  const oldest = now.getTime() - windowMs;
  for (let t = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS; t >= oldest; t -= MINUTE_MS) {
    const instant = new Date(t);
    if (isTick(cron, instant)) return instant;
  }
  return null;
}
