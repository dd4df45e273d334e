import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { addressKey } from '../../platform/client-address.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { setRetryAfter, toDomainError } from '../../platform/http.js';
import { commonErrors, internalErrorBody } from '../../platform/errors.js';
import { zodRefusal } from '../../platform/validation.js';
import { hitRateLimit } from '../../platform/rate-limit.js';
import { getUnit, getUnitByCode } from '../org-units/unit.repo.js';
import { feedbackErrors } from './feedback.errors.js';
import { categoryCodes, feedbackCategories, feedbackStatuses, statusLabels, type FeedbackStatus } from './feedback.rules.js';
import { hashKey } from './use-cases/manage-feedback.js';
import { receiveFeedback } from './use-cases/receive-feedback.js';
import { expectedDue, open311SenderName, parseW3c, w3cVn, type Open311Request, type Open311Service } from './open311.rules.js';
import { errorsXml, toXml } from './open311.xml.js';

type Format = 'json' | 'xml';
const tags = ['open311'];
const CLOSED: readonly FeedbackStatus[] = ['answered', 'published', 'refused', 'routed_out'];

const ZPost = z.object({
  api_key: z.string().optional(),
  jurisdiction_id: z.string().optional(),
  service_code: z.enum(categoryCodes),
  lat: z.coerce.number().min(-90).max(90).optional(),
  long: z.coerce.number().min(-180).max(180).optional(),
  address_string: z.string().trim().min(3).max(300).optional(),
  email: z.string().trim().email().optional(),
  first_name: z.string().trim().max(60).optional(),
  last_name: z.string().trim().max(60).optional(),
  phone: z.string().trim().min(9).max(20).optional(),
  description: z.string().trim().min(10).max(4000),
  media_url: z.string().url().optional(),
});

function formatOf(request: FastifyRequest): Format {
  return request.url.split('?')[0]!.endsWith('.xml') ? 'xml' : 'json';
}

function send(reply: FastifyReply, format: Format, status: number, json: unknown, xml: () => string) {
  return format === 'xml' ? reply.status(status).type('text/xml; charset=utf-8').send(xml()) : reply.status(status).type('application/json; charset=utf-8').send(JSON.stringify(json));
}

type ItemRow = { code: string; status: FeedbackStatus; category: string; unitName: string; publicContent: string; publicAnswer: string | null; receivedAt: Date; updatedAt: Date; refuseDueAt: Date; infoDueAt: Date; transferDueAt: Date; answerDueAt: Date; latitude: number | null; longitude: number | null; placeAddress: string | null };

/**
 * Maps an item onto a GeoReport v2 request. What the sender wrote, and where, is shown only once the item is published
 * (personal data removed); before that the public sees only what is not personal: its number, service, status, agency,
 * times and legal deadline (walk 17 finding 4: a third-party app must be able to follow what it filed and what is open).
 */
function toRequest(r: ItemRow): Open311Request {
  const published = r.status === 'published';
  const closed = CLOSED.includes(r.status);
  const cat = feedbackCategories.find((c) => c.code === r.category);
  return {
    service_request_id: r.code,
    status: closed ? 'closed' : 'open',
    status_notes: published ? r.publicAnswer : statusLabels[r.status].vi,
    service_name: cat?.vi ?? r.category,
    service_code: r.category,
    description: published ? r.publicContent : null,
    agency_responsible: r.unitName,
    service_notice: null,
    requested_datetime: w3cVn(r.receivedAt),
    updated_datetime: w3cVn(r.updatedAt),
    expected_datetime: w3cVn(expectedDue(r.status, r)),
    address: published ? r.placeAddress : null,
    address_id: null,
    zipcode: null,
    lat: published ? r.latitude : null,
    long: published ? r.longitude : null,
    media_url: null,
  };
}

const ITEM_SQL = `SELECT f.code, f.status, f.category, u.name AS "unitName", f.public_content AS "publicContent", f.public_answer AS "publicAnswer",
    f.received_at AS "receivedAt", f.updated_at AS "updatedAt", f.refuse_due_at AS "refuseDueAt", f.info_due_at AS "infoDueAt",
    f.transfer_due_at AS "transferDueAt", f.answer_due_at AS "answerDueAt", f.latitude, f.longitude, f.place_address AS "placeAddress"
  FROM feedback f JOIN unit u ON u.id = f.unit_id`;

/**
 * Open311 GeoReport v2 over the feedback items: GET services, GET/POST requests, GET requests/{id}, in JSON and XML.
 * Anyone reads every item, unpublished ones without anything personal (toRequest); an api_key given must be valid. Posting needs
 * the api_key of a registered client (its unit is the jurisdiction).
 * Errors are answered in the spec's form, a list of { code, description }.
 */
export const open311Routes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.setErrorHandler((err, request, reply) => {
    const domain = err instanceof z.ZodError ? zodRefusal(err.issues) : toDomainError(err as Error);
    if (!domain) request.log.error({ err }, 'open311 error');
    else setRetryAfter(reply, domain);
    const code = domain?.status ?? 500;
    // The message names the first problem; the spec's parameter names of all of them follow, for the client's developer.
    const fields = Array.isArray(domain?.details?.issues) ? (domain.details.issues as { path: string }[]).map((i) => i.path.replace(/^\//, '').replaceAll('/', '.')).filter(Boolean) : [];
    const description = domain ? `${domain.messageVi}${fields.length > 0 ? ` (${fields.join(', ')})` : ''}` : internalErrorBody().message;
    const errors = [{ code, description }];
    return send(reply, formatOf(request), code, errors, () => errorsXml(errors));
  });

  /** A key given when reading must be a valid one (a client must learn its key is revoked); reading needs none. */
  const checkReaderKey = async (request: FastifyRequest): Promise<void> => {
    const key = (request.query as Record<string, string | undefined>).api_key;
    if (key === undefined || key === '') return;
    const { rows } = await ctx.db.query<{ revokedAt: Date | null }>(`SELECT revoked_at AS "revokedAt" FROM open311_client WHERE key_hash = $1`, [hashKey(key)]);
    if (!rows[0]) throw feedbackErrors.open311KeyRequired();
    if (rows[0].revokedAt) throw feedbackErrors.open311KeyRevoked();
  };

  const services = async (request: FastifyRequest, reply: FastifyReply) => {
    const list: Open311Service[] = feedbackCategories.map((c) => ({ service_code: c.code, service_name: c.vi, description: c.en, metadata: false, type: 'batch', keywords: c.keywords, group: 'phan-anh-kien-nghi' }));
    return send(reply, formatOf(request), 200, list, () => toXml('services', 'service', list));
  };
  for (const f of ['json', 'xml']) app.get(`/open311/v2/services.${f}`, { config: { access: 'public' }, schema: { tags, summary: `Open311: danh sách dịch vụ (${f})` } }, services);

  const listRequests = async (request: FastifyRequest, reply: FastifyReply) => {
    const q = request.query as Record<string, string | undefined>;
    const ids = q.service_request_id?.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean).slice(0, 100) ?? [];
    const now = ctx.clock.now();
    // A filter that cannot be read is refused (GeoReport v2 error list), never silently dropped to "everything".
    const wrong: string[] = [];
    const endGiven = parseW3c(q.end_date);
    const startGiven = parseW3c(q.start_date);
    if (q.end_date !== undefined && !endGiven) wrong.push('end_date');
    if (q.start_date !== undefined && !startGiven) wrong.push('start_date');
    const statuses = q.status === undefined ? null : q.status.split(',').map((x) => x.trim());
    if (statuses && (statuses.length === 0 || statuses.some((x) => x !== 'open' && x !== 'closed'))) wrong.push('status');
    if (q.service_code !== undefined && q.service_code.split(',').some((c) => !(categoryCodes as readonly string[]).includes(c.trim()))) wrong.push('service_code');
    if (wrong.length > 0) throw feedbackErrors.open311BadFilter(wrong);
    const end = endGiven ?? now;
    const start = startGiven ?? new Date(end.getTime() - 90 * 86_400_000);
    if (start > end) throw feedbackErrors.open311BadFilter(['start_date', 'end_date']);
    await checkReaderKey(request);
    const { rows } = await ctx.db.query<ItemRow>(
      `${ITEM_SQL} WHERE f.kind = 'feedback' AND f.status NOT IN ('refused', 'routed_out')
         AND (cardinality($1::text[]) > 0 AND f.code = ANY($1::text[]) OR cardinality($1::text[]) = 0 AND f.received_at BETWEEN $2 AND $3)
         AND ($4::text IS NULL OR f.category = ANY(string_to_array($4, ',')))
         AND ($5::text[] IS NULL OR f.status = ANY($5::text[]))
       ORDER BY f.received_at DESC LIMIT 1000`,
      // The status filter in SQL, so the newest 1000 are the newest of those asked for (every item is listed now).
      [ids, start, end, q.service_code?.split(',').map((c) => c.trim()).join(',') ?? null, statuses ? feedbackStatuses.filter((x) => statuses.includes(CLOSED.includes(x) ? 'closed' : 'open')) : null],
    );
    const list = rows.map(toRequest);
    return send(reply, formatOf(request), 200, list, () => toXml('service_requests', 'request', list));
  };
  for (const f of ['json', 'xml']) app.get(`/open311/v2/requests.${f}`, { config: { access: 'public' }, schema: { tags, summary: `Open311: danh sách yêu cầu (${f})` } }, listRequests);

  app.get('/open311/v2/requests/:file', { config: { access: 'public' }, schema: { tags, summary: 'Open311: một yêu cầu (id.json hoặc id.xml)' } }, async (request, reply) => {
    const m = /^(.+)\.(json|xml)$/.exec((request.params as { file: string }).file);
    if (!m) throw feedbackErrors.notFound();
    await checkReaderKey(request);
    const { rows } = await ctx.db.query<ItemRow>(`${ITEM_SQL} WHERE f.code = upper($1) AND f.kind = 'feedback'`, [m[1]]);
    if (!rows[0]) throw feedbackErrors.notFound();
    const list = [toRequest(rows[0])];
    return send(reply, m[2] as Format, 200, list, () => toXml('service_requests', 'request', list));
  });

  const post = async (request: FastifyRequest, reply: FastifyReply) => {
    const budget = await hitRateLimit(ctx.db, { key: `open311:${addressKey(request.ip)}`, max: ctx.config.trackingPerMinute, windowSeconds: 60 }, ctx.clock.now());
    if (!budget.allowed) throw commonErrors.rateLimited(budget.retryAfterSeconds);
    // The key first (GeoReport v2: 403 for a missing or wrong key): a client without one learns that, not what else is wrong.
    const given = (request.body ?? {}) as Record<string, unknown>;
    const apiKeyGiven = typeof given.api_key === 'string' ? given.api_key : '';
    if (!apiKeyGiven) throw feedbackErrors.open311KeyRequired();
    const { rows } = await ctx.db.query<{ id: string; name: string; unitId: string; unitPath: string; revokedAt: Date | null }>(
      `SELECT id, name, unit_id AS "unitId", unit_path AS "unitPath", revoked_at AS "revokedAt" FROM open311_client WHERE key_hash = $1`,
      [hashKey(apiKeyGiven)],
    );
    const client = rows[0];
    if (!client) throw feedbackErrors.open311KeyRequired();
    // A revoked key is told so (its owner learns why posting stopped), in the spec's error list like any other refusal.
    if (client.revokedAt) throw feedbackErrors.open311KeyRevoked();
    const body = ZPost.parse(given);
    if (body.lat === undefined !== (body.long === undefined) || (body.lat === undefined && !body.address_string)) {
      throw commonErrors.validation([{ path: '/address_string', message: 'Cần vị trí (cả vĩ độ lat và kinh độ long) hoặc địa chỉ (address_string).', messageEn: 'Give a location (both lat and long) or an address_string.' }]);
    }
    const unit = body.jurisdiction_id ? await getUnitByCode(ctx.db, body.jurisdiction_id.toUpperCase()) : await getUnit(ctx.db, client.unitId);
    if (!unit || !unit.path.startsWith(client.unitPath)) throw feedbackErrors.unitNotFound();
    const name = open311SenderName(body.first_name, body.last_name, client.name);
    const receipt = await receiveFeedback(ctx, {
      channel: 'open311',
      kind: 'feedback',
      category: body.service_code,
      unitId: unit.id,
      subject: body.description.length > 80 ? `${body.description.slice(0, 77)}...` : body.description,
      content: body.media_url ? `${body.description}\n\nẢnh: ${body.media_url}` : body.description,
      procedureId: null,
      dossierId: null,
      officerName: null,
      sender: { name, address: null, phone: body.phone ?? null, email: body.email ?? null },
      citizenId: null,
      open311ClientId: client.id,
      consent: false,
      place: { latitude: body.lat ?? null, longitude: body.long ?? null, address: body.address_string ?? null },
      files: [],
      recordedBy: null,
    });
    const notice = `Đã tiếp nhận tại ${receipt.unitName}, số ${receipt.code}; hạn trả lời ${w3cVn(receipt.answerDueAt).slice(0, 10)}.`;
    const list = [{ service_request_id: receipt.code, service_notice: notice, account_id: null }];
    return send(reply, formatOf(request), 201, list, () => toXml('service_requests', 'request', list));
  };
  for (const f of ['json', 'xml']) app.post(`/open311/v2/requests.${f}`, { config: { access: 'public' }, schema: { tags, summary: `Open311: gửi yêu cầu (${f}, cần api_key)` } }, post);
};
