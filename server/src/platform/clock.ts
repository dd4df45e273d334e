/** Injectable clock so that rules and tests agree on "now". Vietnam time is UTC+07:00 with no daylight saving. */
export type Clock = { now(): Date };
export const systemClock: Clock = { now: () => new Date() };

const VN_OFFSET_MS = 7 * 3600_000;

/** The Vietnam calendar date (YYYY-MM-DD) of an instant, independent of the process time zone. */
export function vnDate(instant: Date): string {
  return new Date(instant.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}
