import { countSecurityEvent } from '../../platform/security-events.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { ZErrorBody } from '../../platform/error-schema.js';
import { actorOf, citizenOf } from '../identity/auth.plugin.js';
import { assertOwnDossier } from '../citizens/use-cases/my-dossiers.js';
import { authoriseTracking } from '../dossiers/use-cases/track-dossier.js';
import { canRead } from '../dossiers/dossier.policy.js';
import {
  ZCashInput, ZDossierFee, ZDossierPayments, ZPublicPayment, ZReconcileInput, ZReconcileReport, ZStartPaymentInput, ZStartedPayment, ZTrackingCredentials, ZTransfer, ZTransferQuery,
} from './payment.contract.js';
import { paymentErrors } from './payment.errors.js';
import { paymentLinkToken, paymentLinkValid, paymentResultPath } from './payment.links.js';
import { findPayment, getPayableDossier, listTransfers } from './payment.repo.js';
import { onlineMethods, REFERENCE_RE } from './payment.rules.js';
import { scopePaths } from '../identity/permissions.policy.js';
import { ipnAnswers } from './vnpay.gateway.js';
import { createVnpayGateway } from './vnpay.gateway.js';
import { callbackAnswers, createNationalPaymentGateway } from './national-payment.gateway.js';
import { recordCashPayment } from './use-cases/record-cash.js';
import { readDossierFee, readDossierPayments, readPublicPayment, renderReceiptPdf } from './use-cases/read-payments.js';
import { reconcileStatement } from './use-cases/reconcile-statement.js';
import { ipnAnswerFor, settleGatewayResult } from './use-cases/settle-payment.js';
import { startPayment } from './use-cases/start-payment.js';

const ZId = z.object({ id: z.string().uuid() });
const ZRef = z.object({ reference: z.string().regex(REFERENCE_RE) });
const ZLink = z.object({ t: z.string().min(10).max(64) });
const ZIpnAnswer = z.object({ RspCode: z.string(), Message: z.string() });
/** The gateway's vnp_* fields; every field is read and checked by the signature, so unknown ones pass through. */
const ZVnpQuery = z.looseObject({ vnp_TxnRef: z.string().optional(), vnp_SecureHash: z.string().optional() });


function sendPdf(reply: import('fastify').FastifyReply, name: string, pdf: Buffer) {
  reply.header('content-type', 'application/pdf');
  reply.header('content-disposition', `inline; filename="${name}.pdf"`);
  return reply.send(pdf);
}

export const paymentRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const gateway = () => createVnpayGateway({ tmnCode: ctx.config.vnpayTmnCode, hashSecret: ctx.config.vnpayHashSecret, payUrl: ctx.config.vnpayUrl ?? '' });
  // The gateway sends the browser back to this server's public address (PUBLIC_URL), never to one taken from the request.
  const returnUrl = `${ctx.config.publicUrl}/api/payments/vnpay/return`;
  // The public channel shares one per-address budget and one per-code guard with tracking and rating (authoriseTracking).
  const authorise = (request: FastifyRequest, body: { code: string; secret: string }) => authoriseTracking({ ...ctx, log: request.log }, body.code, body.secret, { ip: request.ip });

  // --- Citizen (portal): the tracking credentials authorise paying that dossier's fee. --------------------------------
  app.post(
    '/payments/public/fee',
    { config: { access: 'public' }, schema: { tags: ['payments'], summary: 'Phí, lệ phí của hồ sơ và tình trạng thanh toán (mã hồ sơ + điện thoại hoặc 4 số cuối CCCD)', body: ZTrackingCredentials, response: { 200: ZDossierFee, 404: ZErrorBody, 429: ZErrorBody } } },
    async (request) => {
      const { dossierId } = await authorise(request, request.body);
      return readDossierFee(ctx, dossierId);
    },
  );
  app.post(
    '/payments/public/start',
    { config: { access: 'public' }, schema: { tags: ['payments'], summary: 'Bắt đầu thanh toán trực tuyến phí, lệ phí của hồ sơ (VNPay, nền tảng thanh toán quốc gia hoặc VietQR)', body: ZStartPaymentInput, response: { 200: ZStartedPayment, 404: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody, 429: ZErrorBody } } },
    async (request) => {
      const { dossierId } = await authorise(request, request.body);
      return startPayment(ctx, dossierId, request.body.method, returnUrl, { clientIp: request.ip });
    },
  );
  // --- The signed-in citizen pays their own dossier, also before the desk has accepted it (an online submission). ----
  app.get(
    '/citizen/dossiers/:id/fee',
    { config: { access: 'citizen' }, schema: { tags: ['payments'], summary: 'Phí, lệ phí hồ sơ của công dân và tình trạng thanh toán', params: ZId, response: { 200: ZDossierFee, 403: ZErrorBody, 404: ZErrorBody } } },
    async (request) => {
      await assertOwnDossier(ctx, citizenOf(request).citizenId, request.params.id);
      return readDossierFee(ctx, request.params.id);
    },
  );
  app.post(
    '/citizen/dossiers/:id/payments',
    {
      config: { access: 'citizen' },
      schema: { tags: ['payments'], summary: 'Công dân thanh toán trực tuyến phí, lệ phí hồ sơ của mình (VNPay, nền tảng thanh toán quốc gia hoặc VietQR)', params: ZId, body: z.object({ method: z.enum(onlineMethods) }), response: { 200: ZStartedPayment, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody } },
    },
    async (request) => {
      await assertOwnDossier(ctx, citizenOf(request).citizenId, request.params.id);
      return startPayment(ctx, request.params.id, request.body.method, returnUrl, { clientIp: request.ip });
    },
  );
  app.get(
    '/payments/public/:reference',
    { config: { access: 'public' }, schema: { tags: ['payments'], summary: 'Kết quả một khoản thanh toán (liên kết có mã xác thực, in trên biên lai)', params: ZRef, querystring: ZLink, response: { 200: ZPublicPayment, 404: ZErrorBody } } },
    async (request) => readPublicPayment(ctx, request.params.reference, request.query.t),
  );
  app.get(
    '/payments/public/:reference/receipt',
    { config: { access: 'public' }, schema: { tags: ['payments'], summary: 'Tải biên lai điện tử (PDF)', params: ZRef, querystring: ZLink } },
    async (request, reply) => {
      if (!paymentLinkValid(ctx.config.receiptLinkSecret, request.params.reference, request.query.t)) throw paymentErrors.notFound();
      const p = await findPayment(ctx.db, { reference: request.params.reference });
      if (!p) throw paymentErrors.notFound();
      return sendPdf(reply, `bien-lai-${p.reference}`, await renderReceiptPdf(ctx, p, { publicCopy: true }));
    },
  );

  // --- Gateway callbacks (VNPay protocol). ---------------------------------------------------------------------------
  app.get(
    '/payments/vnpay/ipn',
    { config: { access: 'public', readRetry: false }, schema: { tags: ['payments'], summary: 'IPN của cổng thanh toán (máy chủ gọi máy chủ, có chữ ký HMAC-SHA512)', querystring: ZVnpQuery, response: { 200: ZIpnAnswer } } },
    async (request) => {
      const r = gateway().verifyIpn(request.query);
      if (!r.ok) {
        if (r.reason !== 'malformed') countSecurityEvent('payment_signature_refused');
        return r.reason === 'malformed' ? ipnAnswers.unknownError : ipnAnswers.invalidSignature;
      }
      return ipnAnswerFor(await settleGatewayResult(ctx, r, 'ipn'));
    },
  );
  app.get(
    '/payments/vnpay/return',
    { config: { access: 'public', readRetry: false }, schema: { tags: ['payments'], summary: 'Trình duyệt trở về từ cổng thanh toán: kiểm tra chữ ký rồi chuyển tới trang kết quả', querystring: ZVnpQuery } },
    async (request, reply) => {
      const r = gateway().verifyReturn(request.query);
      if (!r.ok) return reply.redirect('/thanh-toan/ket-qua?loi=chu-ky');
      // The return is signed like the IPN: settling here too (idempotently) keeps the result right if the IPN is late.
      const outcome = await settleGatewayResult(ctx, r, 'return');
      if (outcome.decision === 'not_found') return reply.redirect('/thanh-toan/ket-qua?loi=khong-tim-thay');
      return reply.redirect(paymentResultPath(r.reference, paymentLinkToken(ctx.config.receiptLinkSecret, r.reference)));
    },
  );

  // --- National payment platform callbacks (PayGov; national-payment.gateway.ts). ------------------------------------
  const nationalGateway = () => createNationalPaymentGateway({ merchant: ctx.config.nationalPaymentMerchant, secret: ctx.config.nationalPaymentSecret, payUrl: ctx.config.nationalPaymentUrl ?? '' });
  const ZPgMessage = z.looseObject({ pg_order: z.string().max(100).optional(), checksum: z.string().max(200).optional() });
  const ZCallbackAnswer = z.object({ code: z.string(), message: z.string() });
  app.post(
    '/payments/paygov/callback',
    {
      config: { access: 'public' },
      schema: { tags: ['payments'], summary: 'Thông báo kết quả của nền tảng thanh toán quốc gia (máy chủ gọi máy chủ, có chữ ký HMAC-SHA256)', body: ZPgMessage, response: { 200: ZCallbackAnswer } },
    },
    async (request) => {
      // A message without a valid checksum changes nothing: no payment is read or written for it.
      const r = nationalGateway().verifyIpn(request.body);
      if (!r.ok) {
        if (r.reason !== 'malformed') countSecurityEvent('payment_signature_refused');
        return r.reason === 'malformed' ? callbackAnswers.unknownError : callbackAnswers.invalidSignature;
      }
      const answer = ipnAnswerFor(await settleGatewayResult(ctx, r, 'ipn', 'paygov'));
      const byCode = { '00': callbackAnswers.success, '01': callbackAnswers.orderNotFound, '02': callbackAnswers.alreadyConfirmed, '04': callbackAnswers.invalidAmount } as const;
      return byCode[answer.RspCode as keyof typeof byCode] ?? callbackAnswers.unknownError;
    },
  );
  app.get(
    '/payments/paygov/return',
    { config: { access: 'public', readRetry: false }, schema: { tags: ['payments'], summary: 'Trình duyệt trở về từ nền tảng thanh toán quốc gia: kiểm tra chữ ký rồi chuyển tới trang kết quả', querystring: ZPgMessage } },
    async (request, reply) => {
      const r = nationalGateway().verifyReturn(request.query);
      if (!r.ok) return reply.redirect('/thanh-toan/ket-qua?loi=chu-ky');
      const outcome = await settleGatewayResult(ctx, r, 'return', 'paygov');
      if (outcome.decision === 'not_found') return reply.redirect('/thanh-toan/ket-qua?loi=khong-tim-thay');
      return reply.redirect(paymentResultPath(r.reference, paymentLinkToken(ctx.config.receiptLinkSecret, r.reference)));
    },
  );

  // --- Staff. -------------------------------------------------------------------------------------------------------
  app.get(
    '/dossiers/:id/payments',
    { config: { access: 'perm:dossiers.read' }, schema: { tags: ['payments'], summary: 'Phí, lệ phí và các khoản thanh toán của hồ sơ (kèm nhật ký)', params: ZId, response: { 200: ZDossierPayments, 403: ZErrorBody, 404: ZErrorBody } } },
    async (request) => readDossierPayments(ctx, actorOf(request), request.params.id),
  );
  app.post(
    '/dossiers/:id/payments/cash',
    { config: { access: 'perm:dossiers.receive' }, schema: { tags: ['payments'], summary: 'Ghi nhận thu tiền mặt tại Bộ phận Một cửa và cấp biên lai', params: ZId, body: ZCashInput, response: { 201: ZDossierPayments, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody } } },
    async (request, reply) => {
      const actor = actorOf(request);
      await recordCashPayment(ctx, actor, request.params.id, request.body);
      return reply.status(201).send(await readDossierPayments(ctx, actor, request.params.id));
    },
  );
  app.get(
    '/payments/:id/receipt',
    { config: { access: 'perm:dossiers.read' }, schema: { tags: ['payments'], summary: 'Biên lai thu phí, lệ phí (PDF)', params: ZId } },
    async (request, reply) => {
      const p = await findPayment(ctx.db, { id: request.params.id });
      if (!p) throw paymentErrors.notFound();
      const d = (await getPayableDossier(ctx.db, p.dossierId))!;
      if (!canRead(actorOf(request), d)) throw paymentErrors.notFound();
      return sendPdf(reply, `bien-lai-${p.reference}`, await renderReceiptPdf(ctx, p, { publicCopy: false }));
    },
  );
  app.post(
    '/payments/reconciliation',
    { config: { access: 'perm:dossiers.receive' }, schema: { tags: ['payments'], summary: 'Đối soát sao kê chuyển khoản đến (CSV hoặc JSON lines): khớp theo mã thanh toán và số tiền', body: ZReconcileInput, response: { 200: ZReconcileReport, 400: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody } } },
    async (request) => reconcileStatement(ctx, actorOf(request), request.body.unitId, request.body.statement),
  );
  app.get(
    '/payments/transfers',
    { config: { access: 'perm:dossiers.receive' }, schema: { tags: ['payments'], summary: 'Các khoản chuyển khoản đã nhập; mặc định những khoản cần cán bộ xem (không khớp, sai số tiền, hồ sơ đã nộp)', querystring: ZTransferQuery, response: { 200: z.object({ items: z.array(ZTransfer) }) } } },
    async (request) => {
      const q = request.query;
      const statuses = q.status === 'review' ? (['unmatched', 'amount_mismatch', 'already_paid'] as const) : ([q.status] as const);
      return { items: await listTransfers(ctx.db, { paths: scopePaths(actorOf(request), 'dossiers.receive'), statuses: [...statuses], limit: q.limit }) };
    },
  );
};
