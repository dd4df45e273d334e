import { randomInt } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { escapeHtml as esc } from '../../platform/html.js';
import { listeningOrigin } from '../../platform/http.js';
import { formatVnd } from '../forms/vn-format.rules.js';
import { pgFields, pgSignedQuery, pgSign, pgVerify } from './national-payment.gateway.js';
import { vnpDate } from './vnpay.gateway.js';

/**
 * A local national payment platform (NATIONAL_PAYMENT_SIMULATOR, demo and tests only; never mounted in production mode
 * or beside a configured platform): GET /sim/paygov/pay checks the merchant's signed request and shows the amount with
 * "Thanh toán" and "Hủy"; the choice is signed with the merchant's secret, POSTed as JSON to this server's callback
 * (server to server) and the browser is sent back to the return URL with the same signed fields.
 */
const page = (title: string, body: string) => `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>
body{font-family:system-ui,sans-serif;background:#f3f4f6;margin:0;color:#1f2937}main{max-width:480px;margin:24px auto;background:#fff;border-radius:12px;padding:20px;box-shadow:0 2px 8px #0002}
h1{font-size:1.2rem;color:#b91c1c}dl{display:grid;grid-template-columns:auto 1fr;gap:8px 16px}dt{color:#4b5563}dd{margin:0;font-weight:600;overflow-wrap:anywhere}
.actions{display:flex;gap:12px;margin-top:24px}button{flex:1;font-size:1.05rem;padding:12px;border-radius:8px;border:0;cursor:pointer}
.pay{background:#b91c1c;color:#fff}.cancel{background:#e5e7eb;color:#111}.note{font-size:.85rem;color:#4b5563}</style></head>
<body><main>${body}</main></body></html>`;

export async function nationalPaymentSimulator(app: FastifyInstance, { ctx, callbackUrl }: { ctx: AppContext; callbackUrl?: string }): Promise<void> {
  const secret = ctx.config.nationalPaymentSecret;
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))));
  }
  const checkRequest = (message: Record<string, unknown>) => {
    const f = pgFields(message);
    if (!f || !pgVerify(f, message.checksum, secret) || f.pg_merchant !== ctx.config.nationalPaymentMerchant || f.pg_command !== 'pay' || !f.pg_return_url || !f.pg_order || !/^\d+$/.test(f.pg_amount ?? '')) return null;
    return f;
  };

  app.get('/sim/paygov/pay', { schema: { hide: true } }, async (request, reply) => {
    reply.type('text/html; charset=utf-8');
    const f = checkRequest(request.query as Record<string, unknown>);
    if (!f) return reply.status(400).send(page('Lỗi giao dịch', '<h1>Giao dịch không hợp lệ</h1><p>Sai chữ ký hoặc thiếu tham số.</p>'));
    const expired = f.pg_expire_time && f.pg_expire_time < vnpDate(ctx.clock.now());
    const token = Buffer.from(new URLSearchParams({ ...f, checksum: pgSign(f, secret) }).toString()).toString('base64url');
    return reply.send(
      page(
        'Nền tảng thanh toán quốc gia (mô phỏng)',
        `<h1>Nền tảng thanh toán trực tuyến — Cổng Dịch vụ công quốc gia (mô phỏng)</h1><p class="note">Máy chủ thử nghiệm, không có tiền thật.</p>
<dl><dt>Số tiền</dt><dd id="amount">${esc(formatVnd(Number(f.pg_amount)))}</dd><dt>Mã thanh toán</dt><dd id="order">${esc(f.pg_order!)}</dd><dt>Nội dung</dt><dd>${esc(f.pg_description ?? '')}</dd></dl>
${expired ? '<p role="alert">Giao dịch đã hết hạn.</p>' : ''}
<form method="post" action="/sim/paygov/pay" class="actions"><input type="hidden" name="request" value="${token}">
<button class="pay" type="submit" name="action" value="pay"${expired ? ' disabled' : ''}>Thanh toán</button>
<button class="cancel" type="submit" name="action" value="cancel">Hủy</button></form>`,
      ),
    );
  });

  app.post('/sim/paygov/pay', { schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string>;
    const original = Object.fromEntries(new URLSearchParams(Buffer.from(String(body.request ?? ''), 'base64url').toString()));
    const f = checkRequest(original);
    if (!f) return reply.status(400).type('text/html; charset=utf-8').send(page('Lỗi giao dịch', '<h1>Giao dịch không hợp lệ</h1>'));
    const paid = body.action === 'pay' && !(f.pg_expire_time && f.pg_expire_time < vnpDate(ctx.clock.now()));
    const result: Record<string, string> = {
      pg_version: f.pg_version ?? '1.0',
      pg_merchant: f.pg_merchant!,
      pg_order: f.pg_order!,
      pg_amount: f.pg_amount!,
      pg_currency: 'VND',
      // 00 paid; 24 the payer cancelled; 11 expired.
      pg_status: paid ? '00' : body.action === 'pay' ? '11' : '24',
      pg_trans_id: paid ? `PG${randomInt(10_000_000, 99_999_999)}` : '',
      pg_bank: paid ? 'VCB' : '',
      pg_paid_time: vnpDate(ctx.clock.now()),
    };
    const origin = listeningOrigin(request.server);
    const url = callbackUrl ?? (origin ? `${origin}/api/payments/paygov/callback` : null);
    if (url) await deliverCallback(url, { ...result, checksum: pgSign(result, secret) }, request);
    else request.log.warn('simulated callback not delivered: the server is not listening');
    const back = new URL(f.pg_return_url!);
    return reply.redirect(`${back.origin}${back.pathname}?${pgSignedQuery(result, secret)}`);
  });
}

async function deliverCallback(url: string, message: Record<string, string>, request: FastifyRequest): Promise<void> {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message), signal: AbortSignal.timeout(5000) });
    const answer = (await res.json()) as { code?: string };
    if (answer.code !== '00' && answer.code !== '02') request.log.warn({ answer }, 'simulated callback not confirmed');
  } catch (err) {
    request.log.warn({ err }, 'simulated callback not delivered');
  }
}
