import { api, unwrap } from '../../../lib/api-client.js';

export type Desk = { id: string; name: string; parentId: string | null };

/**
 * GET /api/units — the open one-stop desks a pickup can go to, in the citizen's province when one is chosen (a desk is
 * a child of a commune, or of the provincial office, under the province).
 */
export async function listDesks(provinceId: string | null): Promise<Desk[]> {
  // Open today by the server's clock: a desk closing at the end of the month still takes pickups until then.
  const open = await unwrap(api.GET('/api/units', { params: { query: { open: 'true' } } }));
  const parent = new Map(open.map((u) => [u.id, u.parentId]));
  const under = (id: string | null, root: string): boolean => {
    for (let at = id, hops = 0; at && hops < 10; at = parent.get(at) ?? null, hops++) if (at === root) return true;
    return false;
  };
  return open
    .filter((u) => u.kind === 'desk' && (!provinceId || under(u.id, provinceId)))
    .map((u) => ({ id: u.id, name: u.name, parentId: u.parentId }));
}
