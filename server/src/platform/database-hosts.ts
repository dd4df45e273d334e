import pg from 'pg';

/**
 * Several database hosts behind one setting, the way libpq reads them: `postgres://user:pw@h1:5432,h2:5432/db?
 * target_session_attrs=read-write`. node-postgres connects to one host only, so the choice is made here: every new
 * connection goes to the host last seen in the wanted role, and when that host fails every host is asked again
 * (`pg_is_in_recovery()`). Asking PostgreSQL itself rather than the failover manager's REST API keeps the app
 * independent of the manager (Patroni, pg_auto_failover or a manual promotion all look the same) and works through a
 * pooler in front of each node.
 */

export type HostPort = { host: string; port: number };
/** libpq's target_session_attrs that make sense here: the primary, a standby, or any node. */
export type SessionTarget = 'read-write' | 'standby' | 'prefer-standby' | 'any';
export type ParsedDatabaseUrl = {
  hosts: HostPort[];
  target: SessionTarget;
  /** the same URL on its first host, without target_session_attrs */
  single: string;
  /** the URL around the host: scheme and user before, database and parameters after */
  before: string;
  after: string;
};

const TARGETS: readonly SessionTarget[] = ['read-write', 'standby', 'prefer-standby', 'any'];

/** Splits a libpq-style multi-host URL (pure). Throws on anything that is not one. */
export function parseDatabaseUrl(url: string): ParsedDatabaseUrl {
  const m = /^(postgres(?:ql)?:\/\/)([^@/?#]*@)?([^/?#]*)([^?#]*)(\?[^#]*)?$/.exec(url);
  if (!m) throw new Error(`không phải URL PostgreSQL / not a PostgreSQL URL`);
  const [, scheme, userinfo = '', hostList = '', path = '', query = ''] = m;
  const hosts = hostList.split(',').map(parseHost);
  if (hosts.length === 0 || hosts.some((h) => !h.host)) throw new Error('thiếu máy chủ / a host is missing');
  const params = new URLSearchParams(query.slice(1));
  const target = (params.get('target_session_attrs') ?? (hosts.length > 1 ? 'read-write' : 'any')) as SessionTarget;
  if (!TARGETS.includes(target)) throw new Error(`target_session_attrs không hỗ trợ: ${target}`);
  params.delete('target_session_attrs');
  const rest = params.toString();
  const before = `${scheme}${userinfo}`;
  const after = `${path}${rest ? `?${rest}` : ''}`;
  const single = urlAt({ before, after }, hosts[0]!);
  // The single-host form must be one the driver and WHATWG URL accept, else the setting is refused at start.
  new URL(single);
  return { hosts, target, single, before, after };
}

/** The single-host URL of `host` (pure). node-postgres lets a connection string override host and port, hence a URL. */
export function urlAt(parsed: Pick<ParsedDatabaseUrl, 'before' | 'after'>, host: HostPort): string {
  return `${parsed.before}${host.host.includes(':') ? `[${host.host}]` : host.host}:${host.port}${parsed.after}`;
}

function parseHost(part: string): HostPort {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(part);
  const [host, port] = v6 ? [v6[1]!, v6[2]] : (part.split(':') as [string, string | undefined]);
  const n = port === undefined || port === '' ? 5432 : Number(port);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`cổng không hợp lệ: ${part}`);
  return { host: host ?? '', port: n };
}

/** Whether a node in recovery (a standby) or not (the primary) serves `target` (pure). */
export function serves(target: SessionTarget, inRecovery: boolean): boolean {
  if (target === 'read-write') return !inRecovery;
  if (target === 'standby') return inRecovery;
  return true;
}

/**
 * The order in which probed hosts are preferred (pure): the wanted role first, in the configured order; for
 * prefer-standby a primary is accepted when no standby answers. `null`: no host fits yet.
 */
export function chooseHost(target: SessionTarget, probes: ({ host: HostPort; inRecovery: boolean } | null)[]): HostPort | null {
  const alive = probes.filter((p): p is { host: HostPort; inRecovery: boolean } => p !== null);
  if (target === 'prefer-standby') return (alive.find((p) => p.inRecovery) ?? alive[0])?.host ?? null;
  return alive.find((p) => serves(target, p.inRecovery))?.host ?? null;
}

/**
 * Errors after which the connection is gone or points at a node that lost its role (pure): the connection broke
 * (node's socket errors, class 08), the server is shutting down or starting (57P01–57P03), or it became read-only
 * (25006, a demoted primary). Retrying the whole unit of work is then safe only when that work is idempotent.
 */
export function isConnectionLoss(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTCONN'].includes(code)) return true;
  if (code.startsWith('08') || ['57P01', '57P02', '57P03', '25006'].includes(code)) return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /Connection terminated|connection timeout|timeout expired|Query read timeout|no database host|Client has encountered a connection error|no longer the current/i.test(message) || PGBOUNCER_LOSS.test(message);
}

/**
 * What pgbouncer says when the node behind it died or cannot be reached (its ErrorResponse texts; most carry SQLSTATE
 * 08P01, some versions none): the server connection crashed under a query, the node refuses logins, a query waited
 * longer than `query_wait_timeout` for a server connection, the pooler itself is full or shutting down.
 */
const PGBOUNCER_LOSS = /server conn crashed|server login has been failing|pgbouncer cannot connect to server|query_wait_timeout|no more connections allowed|server_connect_timeout|client_login_timeout|database removed|pooler is shutting down|server shutting down/i;

const same = (a: HostPort, b: HostPort) => a.host === b.host && a.port === b.port;

export class NoHostError extends Error {
  readonly code = '08001';
}

/**
 * Finds and remembers the host serving a target. Concurrent callers share one search; a search keeps asking every
 * host until one fits or `waitMs` passes (a failover takes seconds: waiting turns them into delay, not errors).
 */
export class HostLocator {
  private current: HostPort | null = null;
  private silentHost: HostPort | null = null;
  private search: Promise<HostPort> | null = null;

  constructor(
    private readonly parsed: ParsedDatabaseUrl,
    private readonly options: { waitMs: number; probeTimeoutMs: number } = { waitMs: 20_000, probeTimeoutMs: 2_000 },
  ) {}

  get target(): SessionTarget {
    return this.parsed.target;
  }

  /** The host to connect to now. */
  async locate(): Promise<HostPort> {
    if (this.current) return this.current;
    this.search ??= this.find().finally(() => {
      this.search = null;
    });
    return this.search;
  }

  /** Forgets `host` as the current one (it failed or lost its role); the next connection searches again. */
  invalidate(host?: HostPort): void {
    if (!host || (this.current && same(this.current, host))) this.current = null;
  }

  /**
   * `host` stopped answering (a query reached the client's timeout): forgotten like a failed one, and the other
   * connections to it are stale at once, not each after its own timeout, until a search finds it serving again.
   */
  silent(host: HostPort): void {
    this.silentHost = host;
    this.invalidate(host);
  }

  /** Whether a connection to `host` is left over from before a failover: another host now serves, or it went silent. */
  isStale(host: HostPort): boolean {
    if (this.current) return !same(this.current, host);
    return this.silentHost !== null && same(this.silentHost, host);
  }

  private async find(): Promise<HostPort> {
    // A monotonic timer: how long we keep asking, not what time it is.
    const deadline = performance.now() + this.options.waitMs;
    for (;;) {
      const chosen = await this.probeHosts();
      if (chosen) {
        this.current = chosen;
        if (this.silentHost && same(this.silentHost, chosen)) this.silentHost = null;
        return chosen;
      }
      if (performance.now() >= deadline) {
        throw new NoHostError(`Không có máy chủ cơ sở dữ liệu phù hợp (${this.parsed.target}) trong ${this.parsed.hosts.map((h) => `${h.host}:${h.port}`).join(', ')} / no database host serves ${this.parsed.target}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /**
   * Asks every host at once. For a primary or a standby the first host that answers in that role is taken without
   * waiting for the others: a silent node (network cut) would hold the search for its whole probe timeout.
   */
  private probeHosts(): Promise<HostPort | null> {
    const probes = this.parsed.hosts.map((h) => this.probe(h));
    const all = Promise.all(probes).then((answers) => chooseHost(this.parsed.target, answers));
    if (this.parsed.target === 'prefer-standby' || this.parsed.hosts.length === 1) return all;
    const first = probes.map((p) => p.then((a) => (a && serves(this.parsed.target, a.inRecovery) ? a.host : new Promise<never>(() => {}))));
    return Promise.race([all, ...first]);
  }

  private async probe(host: HostPort): Promise<{ host: HostPort; inRecovery: boolean } | null> {
    if (this.parsed.hosts.length === 1 && this.parsed.target === 'any') return { host, inRecovery: false };
    const client = new pg.Client({ connectionString: urlAt(this.parsed, host), connectionTimeoutMillis: this.options.probeTimeoutMs, query_timeout: this.options.probeTimeoutMs, application_name: 'mot-cua-probe' });
    client.on('error', () => {});
    try {
      await client.connect();
      const { rows } = await client.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r');
      return { host, inRecovery: rows[0]!.r };
    } catch {
      return null;
    } finally {
      await client.end().catch(() => {});
    }
  }
}

type ConnectCallback = (err: Error | null, client?: pg.Client) => void;

/**
 * A pg.Client class whose instances connect to the locator's current host and check its role once connected, so a
 * pg.Pool (ours or pg-boss's, through its `Client` option) follows the primary without restarting. A client whose
 * connection breaks makes the locator search again.
 */
export function clientFollowing(locator: HostLocator): typeof pg.Client {
  class FollowingClient extends pg.Client {
    override connect(): Promise<pg.Client>;
    override connect(callback: ConnectCallback): void;
    override connect(callback?: ConnectCallback): Promise<pg.Client> | void {
      const run = async (): Promise<pg.Client> => {
        const target = await locator.locate();
        // node-postgres reads these when it opens the socket, so setting them before connecting picks the host.
        const self = this as unknown as { host: string; port: number; connectionParameters: { host: string; port: number } };
        self.host = self.connectionParameters.host = target.host;
        self.port = self.connectionParameters.port = target.port;
        try {
          await super.connect();
        } catch (err) {
          locator.invalidate(target);
          throw err;
        }
        this.on('error', () => locator.invalidate(target));
        watchQueries(this, locator, target);
        if (locator.target !== 'any') {
          const { rows } = await this.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r');
          if (!serves(locator.target, rows[0]!.r) && locator.target !== 'prefer-standby') {
            locator.invalidate(target);
            await this.end().catch(() => {});
            throw Object.assign(new Error(`${target.host}:${target.port} không còn là máy chủ ${locator.target} / no longer ${locator.target}`), { code: '25006' });
          }
        }
        return this;
      };
      if (!callback) return run();
      run().then((c) => callback(null, c), (err: Error) => callback(err));
    }
  }
  return FollowingClient;
}

type QueryFn = (...args: unknown[]) => unknown;
const isReadTimeout = (err: unknown) => err instanceof Error && /Query read timeout/.test(err.message);
/**
 * The host itself failed (not the pooler being full): behind pgbouncer a crashed node leaves the pool's idle
 * connections to its pgbouncer open, and each query on them would wait there for a server that is gone (seconds
 * each); marking the host like a silent one fails them at once, and new connections search for the new primary.
 */
const hostFailed = (err: unknown) => isReadTimeout(err) || (isConnectionLoss(err) && !(err instanceof Error && /no more connections allowed|query_wait_timeout/i.test(err.message)));

/**
 * A primary that goes silent (network cut, frozen machine) answers nothing and resets nothing: a query on a connection
 * to it ends only at the client's query timeout. When one does, the host is forgotten so that new connections search
 * again; and once another host serves the target, a query on a connection left over from the old one fails at once
 * (a connection-loss error: the pool drops that connection) instead of waiting for its own timeout.
 */
function watchQueries(client: pg.Client, locator: HostLocator, target: HostPort): void {
  const original = (client.query as QueryFn).bind(client);
  const stale = () => Object.assign(new Error(`${target.host}:${target.port} no longer the current ${locator.target} host (failover)`), { code: '08006' });
  (client as unknown as { query: QueryFn }).query = (...args: unknown[]) => {
    const last = args.length - 1;
    const callback = typeof args[last] === 'function' ? (args[last] as (err: unknown, ...rest: unknown[]) => void) : null;
    if (locator.isStale(target)) {
      if (callback) return void process.nextTick(() => callback(stale()));
      return Promise.reject(stale());
    }
    if (callback) {
      args[last] = (err: unknown, ...rest: unknown[]) => {
        if (hostFailed(err)) locator.silent(target);
        callback(err, ...rest);
      };
      return original(...args);
    }
    const result = original(...args);
    if (result instanceof Promise) result.catch((err: unknown) => void (hostFailed(err) && locator.silent(target)));
    return result;
  };
}

/**
 * Client-side limits that keep a request from hanging on a database that stopped answering (DATABASE_*_TIMEOUT_MS).
 * `queryMs` is the one that frees a connection to a primary gone silent (the kernel of a frozen machine may even keep
 * answering TCP keepalives); `statementMs` asks the server to cancel long statements itself, sent as a startup
 * parameter (through pgbouncer only with `ignore_startup_parameters = statement_timeout`, or set it on the role instead).
 * 0 turns a limit off.
 */
export type DatabaseTimeouts = { connectMs: number; queryMs: number; statementMs: number; keepAliveMs: number };
export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = { connectMs: 5_000, queryMs: 30_000, statementMs: 0, keepAliveMs: 10_000 };

/** Pool settings for `url` (one host or several): pass to pg.Pool, or to pg-boss which builds its own pool from them. */
export type PoolSettings = {
  connectionString: string;
  max?: number;
  application_name?: string;
  connectionTimeoutMillis?: number;
  query_timeout?: number;
  statement_timeout?: number;
  keepAlive?: boolean;
  keepAliveInitialDelayMillis?: number;
  Client?: typeof pg.Client;
};
/**
 * Without `timeouts` a single host keeps node-postgres's defaults (no limits: migrations, benchmarks and scripts may run
 * long statements) and several hosts get a connect limit and keepalives; the application passes its settings.
 */
export function poolSettings(url: string, extra: { max?: number; application_name?: string } = {}, timeouts?: Partial<DatabaseTimeouts>): PoolSettings {
  const parsed = parseDatabaseUrl(url);
  const multi = !(parsed.hosts.length === 1 && parsed.target === 'any');
  // A node cut off the network accepts no connection and refuses none: give up on it after a few seconds and search.
  const t: Partial<DatabaseTimeouts> = timeouts ?? (multi ? { connectMs: DEFAULT_DATABASE_TIMEOUTS.connectMs, keepAliveMs: 0 } : {});
  const limits = {
    ...(t.connectMs ? { connectionTimeoutMillis: t.connectMs } : {}),
    ...(t.queryMs ? { query_timeout: t.queryMs } : {}),
    ...(t.statementMs ? { statement_timeout: t.statementMs } : {}),
    ...(t.keepAliveMs !== undefined ? { keepAlive: true, ...(t.keepAliveMs ? { keepAliveInitialDelayMillis: t.keepAliveMs } : {}) } : {}),
  };
  if (!multi) return { connectionString: url, ...limits, ...extra };
  return { connectionString: parsed.single, ...limits, ...extra, Client: clientFollowing(new HostLocator(parsed)) };
}

/**
 * Runs `work` again when it failed because the connection died (at most `attempts` times). Only for idempotent work:
 * a dossier intake with its idempotency key, a read. A commit whose answer was lost may have happened; the work must
 * find its own earlier result (the idempotency key does) rather than do it twice.
 */
export async function retryOnConnectionLoss<T>(work: () => Promise<T>, attempts = 3, pauseMs: (attempt: number) => number = (i) => 200 * i, canRetry: () => boolean = () => true): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (err) {
      if (i >= attempts || !isConnectionLoss(err) || !canRetry()) throw err;
      await new Promise((r) => setTimeout(r, pauseMs(i)));
    }
  }
}

/**
 * The pauses between the runs of a read that lost its connection (pure): 250 ms doubling to 2 s, five retries, about
 * 6 s in all on top of each run's own search for the primary — a crashed primary is replaced in about 5 s (BENCHMARKS.md).
 */
export const READ_RETRIES = 6;
export function readRetryPause(attempt: number): number {
  return Math.min(2_000, 250 * 2 ** (attempt - 1));
}

/** `retryOnConnectionLoss` with the read policy: for work that only reads (a GET, the session look-up). */
export function retryRead<T>(work: () => Promise<T>, canRetry?: () => boolean): Promise<T> {
  return retryOnConnectionLoss(work, READ_RETRIES, readRetryPause, canRetry);
}
