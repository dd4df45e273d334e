import { randomInt } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { escapeHtml as esc } from '../../platform/html.js';
import { listeningOrigin } from '../../platform/http.js';
import { formatVnd } from '../forms/vn-format.rules.js';
import { vnpDate, vnpFields, vnpSignedQuery, vnpVerify } from './vnpay.gateway.js';

/**
 * A local payment gateway that speaks the VNPay protocol, for development, demos and tests (PAYMENT_SIMULATOR=true):
 * GET /sim/vnpay/pay checks the merchant's signed request and shows the amount and the order with "Thanh toán" and "Hủy";
 * the choice is signed with the merchant's secret, sent server-to-server to the merchant's IPN URL (GET, like the real
 * gateway) and the browser is redirected to vnp_ReturnUrl with the same signed fields. Never mount it in production.
 */

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>
body{font-family:system-ui,sans-serif;background:#eef2f7;margin:0;color:#1f2937}main{max-width:480px;margin:40px auto;background:#fff;border-radius:12px;padding:24px;box-shadow:0 2px 8px #0002}
h1{font-size:1.3rem;color:#005baa}dl{display:grid;grid-template-columns:auto 1fr;gap:8px 16px}dt{color:#4b5563}dd{margin:0;font-weight:600}
.actions{display:flex;gap:12px;margin-top:24px}button{flex:1;font-size:1.05rem;padding:12px;border-radius:8px;border:0;cursor:pointer}
.pay{background:#005baa;color:#fff}.cancel{background:#e5e7eb;color:#111}.note{font-size:.85rem;color:#4b5563}</style></head>
<body><main>${body}</main></body></html>`;
}

export type VnpaySimulatorOptions = { ctx: AppContext; ipnUrl?: string };

export async function vnpaySimulator(app: FastifyInstance, { ctx, ipnUrl }: VnpaySimulatorOptions): Promise<void> {
  const secret = ctx.config.vnpayHashSecret;
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  const checkRequest = (query: Record<string, unknown>) => {
    const f = vnpFields(query);
    if (!f || !vnpVerify(f, secret) || f.vnp_TmnCode !== ctx.config.vnpayTmnCode || f.vnp_Version !== '2.1.0' || !f.vnp_ReturnUrl || !f.vnp_TxnRef || !/^\d+00$/.test(f.vnp_Amount ?? '')) return null;
    return f;
  };

  app.get('/sim/vnpay/pay', { schema: { hide: true } }, async (request, reply) => {
    reply.type('text/html; charset=utf-8');
    const f = checkRequest(request.query as Record<string, unknown>);
    // The real gateway answers a bad signature with its error page (code 70) and never returns to the merchant.
    if (!f) return reply.status(400).send(page('Lỗi giao dịch', '<h1>Giao dịch không hợp lệ</h1><p>Sai chữ ký hoặc thiếu tham số (mã lỗi 70).</p>'));
    const expired = f.vnp_ExpireDate && f.vnp_ExpireDate < vnpDate(ctx.clock.now());
    const amount = Number(BigInt(f.vnp_Amount!) / 100n);
    const request64 = Buffer.from(new URLSearchParams(f).toString()).toString('base64url');
    return reply.send(
      page(
        'Cổng thanh toán (mô phỏng)',
        `<h1>Cổng thanh toán VNPay — mô phỏng</h1><p class="note">Máy chủ thử nghiệm, không có tiền thật.</p>
<dl><dt>Số tiền</dt><dd id="amount">${esc(formatVnd(amount))}</dd><dt>Đơn hàng</dt><dd id="order">${esc(f.vnp_TxnRef!)}</dd><dt>Nội dung</dt><dd>${esc(f.vnp_OrderInfo ?? '')}</dd></dl>
${expired ? '<p role="alert">Giao dịch đã hết hạn (mã lỗi 11).</p>' : ''}
<form method="post" action="/sim/vnpay/pay" class="actions"><input type="hidden" name="request" value="${request64}">
<button class="pay" type="submit" name="action" value="pay"${expired ? ' disabled' : ''}>Thanh toán</button>
<button class="cancel" type="submit" name="action" value="cancel">Hủy</button></form>`,
      ),
    );
  });

  app.post('/sim/vnpay/pay', { schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string>;
    const original = Object.fromEntries(new URLSearchParams(Buffer.from(String(body.request ?? ''), 'base64url').toString()));
    const f = checkRequest(original);
    if (!f) return reply.status(400).type('text/html; charset=utf-8').send(page('Lỗi giao dịch', '<h1>Giao dịch không hợp lệ</h1>'));
    const paid = body.action === 'pay' && !(f.vnp_ExpireDate && f.vnp_ExpireDate < vnpDate(ctx.clock.now()));
    const result: Record<string, string> = {
      vnp_Amount: f.vnp_Amount!,
      vnp_BankCode: 'NCB',
      vnp_CardType: 'ATM',
      vnp_OrderInfo: f.vnp_OrderInfo ?? '',
      vnp_PayDate: vnpDate(ctx.clock.now()),
      // 00 success; 24 the customer cancelled; 11 expired.
      vnp_ResponseCode: paid ? '00' : body.action === 'pay' ? '11' : '24',
      vnp_TmnCode: f.vnp_TmnCode!,
      vnp_TransactionNo: paid ? String(randomInt(10_000_000, 99_999_999)) : '0',
      vnp_TransactionStatus: paid ? '00' : '02',
      vnp_TxnRef: f.vnp_TxnRef!,
    };
    if (paid) result.vnp_BankTranNo = `VNP${result.vnp_TransactionNo}`;
    const query = vnpSignedQuery(result, secret);
    // Server to server, to this server's own listening address: never to a host named by the request's headers.
    const ipn = ipnUrl ?? listeningOrigin(request.server);
    if (ipn) await deliverIpn(`${ipnUrl ?? `${ipn}/api/payments/vnpay/ipn`}?${query}`, request);
    else request.log.warn('simulated IPN not delivered: the server is not listening');
    const back = new URL(f.vnp_ReturnUrl!);
    return reply.redirect(`${back.origin}${back.pathname}?${back.search ? `${back.search.slice(1)}&` : ''}${query}`);
  });
}

/** Server-to-server notification, like the real gateway; a merchant that does not answer 00/02 is only logged here. */
async function deliverIpn(url: string, request: FastifyRequest): Promise<void> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    const answer = (await res.json()) as { RspCode?: string };
    if (answer.RspCode !== '00' && answer.RspCode !== '02') request.log.warn({ answer }, 'simulated IPN not confirmed');
  } catch (err) {
    request.log.warn({ err }, 'simulated IPN not delivered');
  }
}
