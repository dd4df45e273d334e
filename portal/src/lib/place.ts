import { useSyncExternalStore } from 'react';
import { api, unwrap } from './api-client.js';

/** The citizen's place: the province (whose catalogue applies) and, when known, the commune (its desk, its figures). */
export type Place = { provinceId: string; provinceName: string; communeId: string | null; communeName: string | null };

const KEY = 'motcua.place';
const listeners = new Set<() => void>();
let current: Place | null = read();

function read(): Place | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const p = JSON.parse(raw) as Partial<Place>;
    return typeof p.provinceId === 'string' && typeof p.provinceName === 'string'
      ? { provinceId: p.provinceId, provinceName: p.provinceName, communeId: p.communeId ?? null, communeName: p.communeName ?? null }
      : null;
  } catch {
    return null;
  }
}

/** Remembered in this browser (the place is no secret); every page showing place-dependent data follows at once. */
export function setPlace(p: Place | null): void {
  current = p;
  try {
    if (p) localStorage.setItem(KEY, JSON.stringify(p));
    else localStorage.removeItem(KEY);
  } catch {
    // Private browsing without storage: the choice lasts for this page.
  }
  for (const l of listeners) l();
}

export function getPlace(): Place | null {
  return current;
}

export function usePlace(): Place | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
    () => null,
  );
}

export type PlaceUnit = { id: string; name: string; parentId: string | null };
let units: Promise<{ provinces: PlaceUnit[]; communes: PlaceUnit[] }> | null = null;

/** GET /api/units (the provinces and communes open today by the server's clock, fetched once per visit). */
export function loadPlaceUnits(): Promise<{ provinces: PlaceUnit[]; communes: PlaceUnit[] }> {
  // One collator for the whole sort: a collator per comparison loads ICU data on the phone's main thread (tens of ms
  // at 4× slower; issue 12). "Open today" is the server's day, not the phone's.
  const list = (kind: 'province' | 'commune') =>
    unwrap(api.GET('/api/units', { params: { query: { open: 'true', kind } } })).then((us) => {
      const collator = new Intl.Collator('vi');
      return us.map((u) => ({ id: u.id, name: u.name, parentId: u.parentId })).sort((a, b) => collator.compare(a.name, b.name));
    });
  units ??= Promise.all([list('province'), list('commune')])
    .then(([provinces, communes]) => ({ provinces, communes }))
    .catch((err: unknown) => {
      units = null;
      throw err;
    });
  return units;
}

/**
 * The place of a signed-in citizen's profile (their commune of residence), used when this browser has no choice yet:
 * the commune and its province.
 */
export async function placeFromCommune(communeId: string): Promise<Place | null> {
  const { provinces, communes } = await loadPlaceUnits();
  const c = communes.find((x) => x.id === communeId);
  const p = c ? provinces.find((x) => x.id === c.parentId) : provinces.find((x) => x.id === communeId);
  if (!p) return null;
  return { provinceId: p.id, provinceName: p.name, communeId: c?.id ?? null, communeName: c?.name ?? null };
}
