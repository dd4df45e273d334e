import { useEffect, useState } from 'react';
import { getHallDisplay, type HallDisplay } from '../api/queue-tickets.js';

/** The hall's state, refreshed every `everyMs` (and at once after `tick` changes); `stale` when the last refresh failed. */
export function useHallDisplay(deskUnitId: string | undefined, everyMs: number, tick = 0): { data: HallDisplay | null; stale: boolean; at: Date | null } {
  const [state, setState] = useState<{ data: HallDisplay | null; stale: boolean; at: Date | null }>({ data: null, stale: false, at: null });
  useEffect(() => {
    if (!deskUnitId) return;
    let alive = true;
    const refresh = () =>
      getHallDisplay(deskUnitId).then(
        (data) => alive && setState({ data, stale: false, at: new Date() }),
        () => alive && setState((s) => ({ ...s, stale: true })),
      );
    void refresh();
    const timer = setInterval(() => void refresh(), everyMs);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [deskUnitId, everyMs, tick]);
  return state;
}
