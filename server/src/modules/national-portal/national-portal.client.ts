import { z } from 'zod';
import type { Clock } from '../../platform/clock.js';
import {
  NOT_FOUND_CODE,
  NationalPortalError,
  ZCoQuan,
  ZEnvelope,
  ZHoSo,
  ZHoiDap,
  ZLinhVuc,
  ZThuTuc,
  type NationalPortal,
  type NationalService,
  type THoSo,
  type TTienDo,
} from './national-portal.contract.js';

export type NationalPortalHttpOptions = {
  /** Base address: `${baseUrl}/token` issues the session, `${baseUrl}/service` takes the calls. */
  baseUrl: string;
  username: string;
  password: string;
  /** The province's agency code on the national portal (madonvi). */
  agencyCode: string;
  clock: Clock;
  /** Upper bound of one call; the outbox claim lease is far longer. */
  timeoutMs?: number;
  /** The service that lists dossiers submitted on the portal (not in the verified list: configuration). */
  pullService?: string;
  /** The transport (global fetch; the tests hand the simulator's). */
  fetch?: typeof fetch;
};

const ZPage = z.object({ DanhSachHoSo: z.array(z.unknown()).max(1000), ConTro: z.string().max(200) });
const ZToken = z.object({ error_code: z.string(), session: z.string().optional(), expires_in: z.number().optional(), message: z.string().default('') });

/**
 * The national portal over HTTP(S). Holds one session token and asks for a new one before it expires or when the portal
 * says it is no longer valid. Every failure is a NationalPortalError telling whether the call may have been applied.
 */
export function httpNationalPortal(o: NationalPortalHttpOptions): NationalPortal {
  const doFetch = o.fetch ?? fetch;
  const timeoutMs = o.timeoutMs ?? 15_000;
  let session: { token: string; until: number } | null = null;

  async function post(path: string, body: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await doFetch(`${o.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw new NationalPortalError('unknown', err instanceof Error ? err.message : String(err));
    }
    const text = await res.text().catch(() => null);
    if (res.status >= 500 || res.status === 429) throw new NationalPortalError('refused', `HTTP ${res.status}`);
    if (text === null) throw new NationalPortalError('unknown', `HTTP ${res.status}, no body`);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new NationalPortalError(res.ok ? 'unknown' : 'refused', `HTTP ${res.status}, not JSON`);
    }
  }

  async function token(): Promise<string> {
    const now = o.clock.now().getTime();
    if (session && session.until > now) return session.token;
    const parsed = ZToken.safeParse(await post('/token', { username: o.username, password: o.password }));
    if (!parsed.success || parsed.data.error_code !== '0' || !parsed.data.session) {
      throw new NationalPortalError('refused', `token: ${parsed.success ? parsed.data.message : 'malformed answer'}`, parsed.success ? parsed.data.error_code : null);
    }
    // Renew a minute early so a call never carries a token expiring on the way.
    session = { token: parsed.data.session, until: now + Math.max(60, parsed.data.expires_in ?? 3600) * 1000 - 60_000 };
    return session.token;
  }

  async function call(service: NationalService | string, params: Record<string, unknown>, retried = false): Promise<unknown> {
    const body = { session: await token(), madonvi: o.agencyCode, service, ...params };
    const env = ZEnvelope.safeParse(await post('/service', body));
    if (!env.success) throw new NationalPortalError('unknown', `${service}: malformed answer`);
    if (env.data.error_code === '401' && !retried) {
      session = null;
      return call(service, params, true);
    }
    if (env.data.error_code !== '0') throw new NationalPortalError('refused', `${service}: ${env.data.message}`, env.data.error_code);
    return env.data.result;
  }

  const list = <T>(schema: z.ZodType<T>, v: unknown): T[] => {
    const p = z.array(schema).safeParse(v ?? []);
    if (!p.success) throw new NationalPortalError('unknown', 'malformed list');
    return p.data;
  };

  return {
    async getProcedure(maTTHC) {
      try {
        const p = ZThuTuc.safeParse(await call('LayThuTuc', { maTTHC }));
        if (!p.success) throw new NationalPortalError('unknown', 'LayThuTuc: malformed answer');
        return p.data;
      } catch (err) {
        if (err instanceof NationalPortalError && err.errorCode === NOT_FOUND_CODE) return null;
        throw err;
      }
    },
    listProcedures: async () => list(ZThuTuc, await call('LayDanhSachTTHC', {})),
    listAgencies: async () => list(ZCoQuan, await call('LayDanhMucCoQuan', {})),
    listFields: async () => list(ZLinhVuc, await call('LayDanhMucLinhVuc', {})),
    async syncDossier(hoSo: THoSo) {
      await call('DongBoHoSoMC', { data: [hoSo] });
    },
    async updateProgress(updates: TTienDo[]) {
      if (updates.length > 0) await call('CapNhatTienDoHoSoMC', { data: updates });
    },
    async lookUp(maHoSo) {
      try {
        const p = ZHoSo.safeParse(await call('TraCuuHoSo', { MaHoSo: maHoSo }));
        if (!p.success) throw new NationalPortalError('unknown', 'TraCuuHoSo: malformed answer');
        return p.data;
      } catch (err) {
        if (err instanceof NationalPortalError && err.errorCode === NOT_FOUND_CODE) return null;
        throw err;
      }
    },
    async listSubmitted(cursor, limit) {
      const page = ZPage.safeParse(await call(o.pullService ?? 'LayDanhSachHoSoDVCQG', { ConTro: cursor ?? '', SoLuong: limit }));
      if (!page.success) throw new NationalPortalError('unknown', 'list of submitted dossiers: malformed answer');
      const items: THoSo[] = [];
      const malformed: { maHoSo: string | null; error: string }[] = [];
      for (const raw of page.data.DanhSachHoSo) {
        const p = ZHoSo.safeParse(raw);
        if (p.success) items.push(p.data);
        else {
          const code = (raw as { MaHoSo?: unknown } | null)?.MaHoSo;
          malformed.push({ maHoSo: typeof code === 'string' && code.length <= 60 ? code : null, error: p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ').slice(0, 500) });
        }
      }
      return { items, malformed, cursor: page.data.ConTro };
    },
    listQuestions: async () => list(ZHoiDap, await call('LayDanhSachHoiDapGuiTuDVCQG', {})),
    async answerQuestion(maHoiDap, traLoi) {
      await call('DongBoKetQuaHoiDapGuiTuDVCQG', { MaHoiDap: maHoiDap, TraLoi: traLoi });
    },
  };
}
