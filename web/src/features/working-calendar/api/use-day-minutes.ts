import { useAsync } from '../../../lib/use-async.js';
import { getWorkingHours } from './working-hours.js';

/**
 * The length, in minutes, of a working day in the province of `unitId` under today's office hours — what a step's
 * "0,25 ngày" is a share of. Undefined while loading or without a unit: the default day is used meanwhile.
 */
export function useDayMinutes(unitId: string | null | undefined): number | undefined {
  const hours = useAsync(() => (unitId ? getWorkingHours(unitId) : Promise.resolve(null)), [unitId]);
  return hours.data?.dayMinutes;
}
