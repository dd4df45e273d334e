/**
 * The structured logger that background code (jobs, senders) writes to. Fastify's pino logger (`app.log`) fits this
 * shape; `jsonLineLog` is the fallback that writes one JSON object per line, the format pino writes too.
 */
export type Log = {
  info(fields: Record<string, unknown>, msg: string): void;
  warn(fields: Record<string, unknown>, msg: string): void;
  error(fields: Record<string, unknown>, msg: string): void;
};

const LEVELS = { info: 30, warn: 40, error: 50 } as const;

export function jsonLineLog(write: (line: string) => void = (line) => void process.stdout.write(line)): Log {
  const at = (level: keyof typeof LEVELS) => (fields: Record<string, unknown>, msg: string) =>
    write(`${JSON.stringify({ level: LEVELS[level], time: Date.now(), ...fields, msg })}\n`);
  return { info: at('info'), warn: at('warn'), error: at('error') };
}

/** Query parameters whose values are harmless to log (paging, filters, periods); every other value is replaced. */
const loggableQuery = new Set(['limit', 'page', 'status', 'format', 'on', 'from', 'to', 'unitId', 'ownerUnitId', 'accepted', 'year', 'month', 'period', 'lang']);

export const REDACTED = '[REDACTED]';

/**
 * The request URL as it may be logged: the path, and the query string with every value replaced unless its key is a
 * known harmless one — query strings carry payment link tokens (`t`), tracking codes and secrets, CCCD searches and
 * gateway fields (Nghị định 13/2023: personal data only where needed). Path segments never carry secrets in this API.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = url
    .slice(q + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = eq < 0 ? pair : pair.slice(0, eq);
      let name = key;
      try {
        name = decodeURIComponent(key);
      } catch {
        /* a malformed key is logged as sent, its value still hidden */
      }
      return loggableQuery.has(name) ? pair : `${key}=${REDACTED}`;
    });
  return `${url.slice(0, q)}?${params.join('&')}`;
}

/** Fields that hold secrets or personal data wherever they appear in a log object (pino `redact` paths). */
const sensitiveKeys = ['password', 'newPassword', 'currentPassword', 'secret', 'token', 'csrfToken', 'cccd', 'phone', 'otp', 'hashSecret', 'trackingSecret'];
export const redactPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'req.headers["x-kiosk-token"]',
  'req.headers["x-postal-signature"]',
  'res.headers["set-cookie"]',
  'err.detail',
  'err.parameters',
  ...sensitiveKeys.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
];

type LoggedRequest = { method: string; url: string; ip?: string; id?: string; socket?: { remoteAddress?: string } };

/** Options for Fastify's pino logger: structured JSON with secrets and personal data redacted. */
export function loggerOptions(level: string, stream?: { write(line: string): void }) {
  return {
    level,
    redact: { paths: redactPaths, censor: REDACTED },
    serializers: {
      req: (req: LoggedRequest) => ({ method: req.method, url: redactUrl(req.url), remoteAddress: req.ip ?? req.socket?.remoteAddress, requestId: req.id }),
    },
    ...(stream ? { stream } : {}),
  };
}
