import type { paths } from '../../../lib/api-schema.js';

export type PostalForm = paths['/api/postal/pickups/{id}/forms/{form}']['get']['parameters']['path']['form'];

/** GET /api/postal/pickups/:id/forms/:form — Phiếu gửi hồ sơ or Biên bản giao nhận hồ sơ as PDF. */
export function postalFormUrl(pickupId: string, form: PostalForm): string {
  return `/api/postal/pickups/${encodeURIComponent(pickupId)}/forms/${form}`;
}
