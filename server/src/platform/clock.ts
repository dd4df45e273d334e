/** Injectable clock so that rules and tests agree on "now". Vietnam time is UTC+07:00 with no daylight saving. */
export type Clock = { now(): Date };
export const systemClock: Clock = { now: () => new Date() };
