import { randomBytes } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import type { Queryable } from '../../platform/database.js';
import type { AppConfig } from '../../platform/config.js';
import { postalErrors } from './postal.errors.js';

/**
 * The postal operator behind one interface (DESIGN.md §3 integrations): create an order (a pickup at the citizen's home
 * or the delivery of a result) and get its tracking code (số hiệu bưu gửi); read an order's status. The operator then
 * reports progress by signed callbacks (postal.signature.ts, POST /api/postal/callbacks). Creating an order is
 * idempotent on our reference (the pickup or shipment id): a retry returns the same tracking code.
 */
export type PostalOrder = { reference: string; kind: 'pickup' | 'delivery'; recipientName: string; address: string; phone: string | null };
export type PostalService = {
  createOrder(order: PostalOrder): Promise<{ trackingCode: string }>;
  getStatus(trackingCode: string): Promise<{ trackingCode: string; status: string } | null>;
};

/** The simulator's order book (postal_sim_order): what a real operator keeps on its side. */
export function simulatorPostalService(db: Queryable, clock: Clock): PostalService {
  return {
    async createOrder(order) {
      const code = `SIM${order.kind === 'pickup' ? 'P' : 'D'}${randomBytes(5).toString('hex').toUpperCase()}VN`;
      const { rows } = await db.query<{ trackingCode: string }>(
        `INSERT INTO postal_sim_order (tracking_code, reference, kind, status, address, created_at) VALUES ($1, $2, $3, 'accepted', $4, $5)
         ON CONFLICT (reference) DO UPDATE SET reference = EXCLUDED.reference RETURNING tracking_code AS "trackingCode"`,
        [code, order.reference, order.kind, order.address, clock.now()],
      );
      return { trackingCode: rows[0]!.trackingCode };
    },
    async getStatus(trackingCode) {
      const { rows } = await db.query<{ trackingCode: string; status: string }>(`SELECT tracking_code AS "trackingCode", status FROM postal_sim_order WHERE tracking_code = $1`, [trackingCode]);
      return rows[0] ?? null;
    },
  };
}

/** A real operator speaking the simulator's protocol over HTTP (POST {url}/orders, GET {url}/orders/{code}). */
export function httpPostalService(baseUrl: string, apiKey: string): PostalService {
  const url = baseUrl.replace(/\/$/, '');
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` };
  return {
    async createOrder(order) {
      const res = await fetch(`${url}/orders`, { method: 'POST', headers, body: JSON.stringify(order), signal: AbortSignal.timeout(10_000) }).catch(() => null);
      if (!res?.ok) throw postalErrors.operatorUnavailable();
      const body = (await res.json()) as { trackingCode?: unknown };
      if (typeof body.trackingCode !== 'string') throw postalErrors.operatorUnavailable();
      return { trackingCode: body.trackingCode };
    },
    async getStatus(trackingCode) {
      const res = await fetch(`${url}/orders/${encodeURIComponent(trackingCode)}`, { headers, signal: AbortSignal.timeout(10_000) }).catch(() => null);
      if (res?.status === 404) return null;
      if (!res?.ok) throw postalErrors.operatorUnavailable();
      return (await res.json()) as { trackingCode: string; status: string };
    },
  };
}

/** The operator in use: a configured API, else the local simulator (POSTAL_SIMULATOR, on by default for demo and tests). */
export function postalServiceFor(deps: { db: Queryable; clock: Clock; config: Pick<AppConfig, 'mode' | 'postalApiUrl' | 'postalApiKey' | 'postalSimulator'> }): PostalService {
  if (deps.config.postalApiUrl) return httpPostalService(deps.config.postalApiUrl, deps.config.postalApiKey);
  if (deps.config.postalSimulator && deps.config.mode === 'demo') return simulatorPostalService(deps.db, deps.clock);
  return {
    createOrder: () => Promise.reject(postalErrors.operatorUnavailable()),
    getStatus: () => Promise.reject(postalErrors.operatorUnavailable()),
  };
}
