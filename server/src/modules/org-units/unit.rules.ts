/**
 * A unit is closed once its last day (`validTo`, inclusive, YYYY-MM-DD) has passed on `today` (a day in Vietnam by the
 * server's clock — never the browser's, whose date may be wrong or in another zone).
 */
export function unitClosed(u: { validTo: string | null }, today: string): boolean {
  return u.validTo !== null && u.validTo < today;
}
