import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/database.js';
import { NationalPortalError } from '../national-portal.contract.js';
import { nationalErrors } from '../national-portal.errors.js';

/**
 * A call to the national portal made for a request ("Đối soát ngay", a look-up): an outage (the portal refusing or not
 * answering) is recorded as the sync records it (national_sync_health, so the sync page turns "not connected") and
 * answered 503 NATIONAL.PORTAL_UNAVAILABLE with a Vietnamese message — not a 500 that reads as our own fault.
 */
export async function duringPortalCall<T>(deps: { db: Db; clock: Clock }, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (!(err instanceof NationalPortalError)) throw err;
    await deps.db.query(`UPDATE national_sync_health SET last_failure_at = $1, last_error = $2`, [deps.clock.now(), err.message.slice(0, 1000)]);
    throw nationalErrors.portalUnavailable();
  }
}
