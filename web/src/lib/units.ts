import { api, unwrap } from './api-client.js';
import type { ResponseOf } from './api-types.js';
import { useAsync } from './use-async.js';

/**
 * GET /api/units — the unit tree, shared reference data: the units screen shows it with its history, and the
 * users, catalogue and calendar screens pick units from it (so it lives here rather than in one feature).
 */
export type Unit = ResponseOf<'/api/units', 'get'>[number];

export function listUnits(query: { on?: string } = {}): Promise<Unit[]> {
  return unwrap(api.GET('/api/units', { params: { query } }));
}

/** Units open today (`openOnly`) or all of them, past ones included. */
export function useUnits(options: { on?: string } = {}) {
  return useAsync(() => listUnits(options.on ? { on: options.on } : {}), [options.on]);
}

/** A unit is closed once its last day (`validTo`, inclusive) has passed in Vietnam — by the server's clock, which
 * sends `closed` (the browser's date may be wrong, and tests and trainings run the server on another day). */
export function isClosed(u: Pick<Unit, 'closed'>): boolean {
  return u.closed;
}

/** Indents each unit under its parent for pickers: depth-first order with the depth kept. */
export function orderAsTree(units: readonly Unit[]): Unit[] {
  const byParent = new Map<string | null, Unit[]>();
  const ids = new Set(units.map((u) => u.id));
  for (const u of units) {
    const parent = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    const list = byParent.get(parent) ?? [];
    list.push(u);
    byParent.set(parent, list);
  }
  const out: Unit[] = [];
  const walk = (parent: string | null) => {
    for (const u of (byParent.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'vi'))) {
      out.push(u);
      walk(u.id);
    }
  };
  walk(null);
  return out;
}
