import { useEffect, useSyncExternalStore } from 'react';

/**
 * The unit a page is about (the unit that handles the dossier shown): the footer gives its contacts rather than those
 * of the citizen's own commune, so a dossier the province handles shows the province's, not the ward's. A page
 * declares it with usePageUnit; leaving the page clears it.
 */
let current: string | null = null;
const listeners = new Set<() => void>();
const set = (v: string | null) => {
  if (v === current) return;
  current = v;
  for (const l of listeners) l();
};

export function usePageUnit(unitId: string | null | undefined): void {
  useEffect(() => {
    set(unitId ?? null);
    return () => set(null);
  }, [unitId]);
}

export function usePageUnitId(): string | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
    () => null,
  );
}

/** The same, for a page that renders the dossier inside a callback (the tracking result). */
export function PageUnit({ unitId }: { unitId: string }): null {
  usePageUnit(unitId);
  return null;
}
