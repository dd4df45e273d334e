import { api, unwrap } from '../../../lib/api-client.js';

/** GET /api/catalog/procedures/:id — the documents the procedure lists, to check the parcel against. */
export async function getProcedureDocuments(id: string): Promise<{ name: string; kind: string; count: number }[]> {
  const p = await unwrap(api.GET('/api/catalog/procedures/{id}', { params: { path: { id } } }));
  return p.current.content.documents.map((d) => ({ name: d.name, kind: d.kind, count: d.count }));
}
