/**
 * Texts of the notifications to applicants (pure). The e-mails carry what the paper forms of Thông tư 01/2018/TT-VPCP
 * carry (Mẫu 01 receipt and appointment, Mẫu 02 supplementation request, Mẫu 03 refusal, Mẫu 04 apology and new
 * appointment) so the applicant learns the same by e-mail; they do not replace the forms. SMS texts are unaccented
 * ASCII: with Vietnamese diacritics an SMS is UCS-2 and holds 70 characters, in GSM-7 it holds 160.
 */
import type { Channel } from './notification.contract.js';
import { formatVn } from '../working-calendar/vn-time.js';

export type NotificationTemplateKey =
  | 'dossier.accepted'
  | 'dossier.supplementation-requested'
  | 'dossier.apology'
  | 'dossier.result-ready'
  | 'dossier.refused'
  | 'dossier.status-changed';

/** How the result is handed over (Nghị định 61/2018/NĐ-CP Điều 20; postal return: Quyết định 45/2016/QĐ-TTg). */
export type ReturnMethod = 'desk' | 'post' | 'online';

type DossierFacts = {
  /** Mã hồ sơ printed on the receipt. */
  dossierCode: string;
  procedureName: string;
  applicantName?: string;
  /** The desk or agency that writes, e.g. "Bộ phận Một cửa UBND phường An Thử". */
  unitName?: string;
  /** Where the applicant can follow the dossier online. */
  trackingUrl?: string;
};

export type TemplateData = {
  'dossier.accepted': DossierFacts & { appointmentAt: Date };
  'dossier.supplementation-requested': DossierFacts & { missing: readonly string[] };
  'dossier.apology': DossierFacts & { previousAppointmentAt: Date; newAppointmentAt: Date; reason: string };
  'dossier.result-ready': DossierFacts & { returnMethod: ReturnMethod };
  'dossier.refused': DossierFacts & { reason: string };
  /** Any other change of status or step, told as the citizen's timeline says it (where, by whom, when). */
  'dossier.status-changed': DossierFacts & { what: string };
};

export type RenderedNotification = { templateKey: NotificationTemplateKey; subject: string | null; body: string; templateData?: Record<string, string> };

/** Longest SMS body in GSM-7 septets (one segment). */
export const SMS_MAX_SEPTETS = 160;

const DEFAULT_UNIT = 'Bộ phận Một cửa';

const PLAIN_ASCII = /^[\t\n\r -~]*$/;

/**
 * Removes Vietnamese (and other Latin) diacritics and maps đ/Đ to d/D, typographic quotes and dashes to ASCII;
 * anything else outside printable ASCII (and tab, newline) becomes '?'. Each Vietnamese letter stays one character.
 */
export function toAsciiVi(text: string): string {
  // Already plain ASCII (codes, dates, most of every template): nothing below would change it.
  if (PLAIN_ASCII.test(text)) return text;
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đ]/g, 'd')
    .replace(/[ĐÐ]/g, 'D')
    .replace(/[\u2018\u2019\u201a\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u2033\u00ab\u00bb]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/[\u00a0\u2000-\u200a\u202f\u3000]/g, ' ')
    .replace(/[^\t\n\r -~]/gu, '?');
}

/** Characters of the GSM 03.38 extension table, which take two septets. */
const GSM_EXTENDED = new Set(['^', '{', '}', '\\', '[', ']', '~', '|']);

/** Length of an ASCII text in GSM-7 septets. */
export function gsm7Length(text: string): number {
  let n = 0;
  for (const ch of text) n += GSM_EXTENDED.has(ch) ? 2 : 1;
  return n;
}

/** `HH:MM ngày DD/MM/YYYY` in Vietnam time. */
export function formatAppointmentVi(at: Date): string {
  const s = formatVn(at);
  return `${s.slice(11, 16)} ngày ${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}`;
}

/** `HH:MM DD/MM/YYYY` in Vietnam time, the short form for SMS. */
function shortTime(at: Date): string {
  const s = formatVn(at);
  return `${s.slice(11, 16)} ${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}`;
}

/**
 * An SMS of at most 160 septets: `head` carries what must arrive (code, date), `tail` what may be shortened
 * (procedure name, reasons); both are made ASCII. A head too long by itself is cut too.
 */
export function fitSms(head: string, tail = ''): string {
  const clean = (s: string) => toAsciiVi(s).replace(/`/g, "'").replace(/\s+/g, ' ');
  const h = clean(head).trim();
  const full = `${h}${clean(tail)}`.trimEnd();
  if (gsm7Length(full) <= SMS_MAX_SEPTETS) return full;
  // The longest prefix within 157 septets, in one pass (cutting one character at a time and counting again was
  // quadratic: a few percent of an action's server CPU when the notice is long). `full` is ASCII: one unit per character.
  let septets = 0;
  let end = 0;
  while (end < full.length) {
    const width = GSM_EXTENDED.has(full[end]!) ? 2 : 1;
    if (septets + width > SMS_MAX_SEPTETS - 3) break;
    septets += width;
    end++;
  }
  return `${full.slice(0, end).trimEnd()}...`;
}

const RETURN_SENTENCE_VI: Record<ReturnMethod, (unit: string) => string> = {
  desk: (unit) => `Mời ông/bà đến ${unit} để nhận kết quả, mang theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả và giấy tờ tùy thân.`,
  post: () => 'Kết quả được gửi đến địa chỉ của ông/bà qua dịch vụ bưu chính công ích.',
  online: () => 'Ông/bà nhận kết quả điện tử trên Cổng Dịch vụ công bằng tài khoản đã dùng để nộp hồ sơ.',
};
const RETURN_SMS: Record<ReturnMethod, string> = {
  desk: 'Moi den Bo phan Mot cua nhan ket qua.',
  post: 'Ket qua duoc gui qua buu dien.',
  online: 'Nhan ket qua tren Cong Dich vu cong.',
};

function email(d: DossierFacts, lines: string[]): string {
  const unit = d.unitName ?? DEFAULT_UNIT;
  const tracking = d.trackingUrl
    ? `Tra cứu tình trạng hồ sơ bằng mã hồ sơ tại: ${d.trackingUrl}`
    : 'Ông/bà có thể tra cứu tình trạng hồ sơ bằng mã hồ sơ trên Cổng Dịch vụ công.';
  return [
    d.applicantName ? `Kính gửi ông/bà ${d.applicantName},` : 'Kính gửi ông/bà,',
    '',
    ...lines,
    '',
    tracking,
    '',
    'Trân trọng,',
    unit,
    '',
    '—',
    'Thư này được gửi tự động từ hệ thống Một Cửa, vui lòng không trả lời thư này.',
  ].join('\n');
}

const facts = (d: DossierFacts) => [`Mã hồ sơ: ${d.dossierCode}`, `Thủ tục: ${d.procedureName}`];

type Renderer<K extends NotificationTemplateKey> = {
  email: (d: TemplateData[K]) => { subject: string; body: string };
  sms: (d: TemplateData[K]) => string;
  /** The ZNS template's own parameters (the template text itself is approved by Zalo and kept there) and a readable line. */
  zalo: (d: TemplateData[K]) => { params: Record<string, string>; line: string };
};

/**
 * Lengths ZNS allows per parameter type (customer name and code 30 characters, names of products or places 200),
 * as Zalo's template editor lists them; longer values are cut with an ellipsis rather than refused.
 */
const ZNS_SHORT = 30;
const ZNS_LONG = 200;
const cap = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1).trimEnd()}…`);

/** The parameters every dossier template has. */
function znsFacts(d: DossierFacts): Record<string, string> {
  return {
    customer_name: cap(d.applicantName ?? 'Ông/bà', ZNS_SHORT),
    dossier_code: cap(d.dossierCode, ZNS_SHORT),
    procedure_name: cap(d.procedureName, ZNS_LONG),
    unit_name: cap(d.unitName ?? DEFAULT_UNIT, ZNS_LONG),
  };
}

const templates: { [K in NotificationTemplateKey]: Renderer<K> } = {
  'dossier.accepted': {
    email: (d) => ({
      subject: `[Một Cửa] Đã tiếp nhận hồ sơ ${d.dossierCode}`,
      body: email(d, [
        `${d.unitName ?? DEFAULT_UNIT} đã tiếp nhận hồ sơ của ông/bà.`,
        '',
        ...facts(d),
        `Ngày hẹn trả kết quả: ${formatAppointmentVi(d.appointmentAt)}`,
      ]),
    }),
    sms: (d) => fitSms(`Ho so ${d.dossierCode} da duoc tiep nhan. Hen tra ket qua: ${shortTime(d.appointmentAt)}.`, ` Thu tuc: ${d.procedureName}`),
    zalo: (d) => ({
      params: { ...znsFacts(d), appointment: shortTime(d.appointmentAt) },
      line: `Hồ sơ ${d.dossierCode} đã được tiếp nhận. Hẹn trả kết quả: ${formatAppointmentVi(d.appointmentAt)}.`,
    }),
  },
  'dossier.supplementation-requested': {
    email: (d) => ({
      subject: `[Một Cửa] Hồ sơ ${d.dossierCode} cần bổ sung, hoàn thiện`,
      body: email(d, [
        'Hồ sơ của ông/bà cần được bổ sung, hoàn thiện trước khi tiếp tục giải quyết.',
        '',
        ...facts(d),
        '',
        'Nội dung cần bổ sung, hoàn thiện:',
        ...d.missing.map((m, i) => `  ${i + 1}. ${m}`),
        '',
        'Hồ sơ được tiếp tục giải quyết khi đã nhận đủ các nội dung trên.',
      ]),
    }),
    sms: (d) =>
      fitSms(
        `Ho so ${d.dossierCode} can bo sung, hoan thien.${d.trackingUrl ? ` Chi tiet: ${d.trackingUrl}` : ''}`,
        ` Can: ${d.missing.join('; ')}`,
      ),
    zalo: (d) => ({
      params: { ...znsFacts(d), missing: cap(d.missing.join('; '), ZNS_LONG) },
      line: `Hồ sơ ${d.dossierCode} cần bổ sung, hoàn thiện: ${d.missing.join('; ')}.`,
    }),
  },
  'dossier.apology': {
    email: (d) => ({
      subject: `[Một Cửa] Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${d.dossierCode}`,
      body: email(d, [
        `Hồ sơ của ông/bà chưa được giải quyết xong đúng hẹn (${formatAppointmentVi(d.previousAppointmentAt)}).`,
        `Lý do: ${d.reason}`,
        '',
        ...facts(d),
        '',
        `${d.unitName ?? DEFAULT_UNIT} xin lỗi ông/bà vì sự chậm trễ này và xin hẹn lại ngày trả kết quả: ${formatAppointmentVi(d.newAppointmentAt)}.`,
      ]),
    }),
    sms: (d) => fitSms(`Xin loi: ho so ${d.dossierCode} chua co ket qua dung hen. Hen lai: ${shortTime(d.newAppointmentAt)}.`, ` Ly do: ${d.reason}`),
    zalo: (d) => ({
      params: { ...znsFacts(d), new_appointment: shortTime(d.newAppointmentAt), reason: cap(d.reason, ZNS_LONG) },
      line: `Xin lỗi: hồ sơ ${d.dossierCode} chưa có kết quả đúng hẹn. Hẹn lại: ${formatAppointmentVi(d.newAppointmentAt)}.`,
    }),
  },
  'dossier.result-ready': {
    email: (d) => ({
      subject: `[Một Cửa] Hồ sơ ${d.dossierCode} đã có kết quả`,
      body: email(d, ['Hồ sơ của ông/bà đã có kết quả giải quyết.', '', ...facts(d), '', RETURN_SENTENCE_VI[d.returnMethod](d.unitName ?? DEFAULT_UNIT)]),
    }),
    sms: (d) => fitSms(`Ho so ${d.dossierCode} da co ket qua. ${RETURN_SMS[d.returnMethod]}`, ` Thu tuc: ${d.procedureName}`),
    zalo: (d) => ({
      params: { ...znsFacts(d), return_method: cap(RETURN_SENTENCE_VI[d.returnMethod](d.unitName ?? DEFAULT_UNIT), ZNS_LONG) },
      line: `Hồ sơ ${d.dossierCode} đã có kết quả. ${RETURN_SENTENCE_VI[d.returnMethod](d.unitName ?? DEFAULT_UNIT)}`,
    }),
  },
  'dossier.refused': {
    email: (d) => ({
      subject: `[Một Cửa] Thông báo từ chối giải quyết hồ sơ ${d.dossierCode}`,
      body: email(d, [
        'Hồ sơ của ông/bà không được giải quyết.',
        '',
        ...facts(d),
        `Lý do: ${d.reason}`,
        '',
        `Nếu cần hướng dẫn thêm, ông/bà vui lòng liên hệ ${d.unitName ?? DEFAULT_UNIT}.`,
      ]),
    }),
    sms: (d) => fitSms(`Ho so ${d.dossierCode} bi tu choi giai quyet.`, ` Ly do: ${d.reason}`),
    zalo: (d) => ({
      params: { ...znsFacts(d), reason: cap(d.reason, ZNS_LONG) },
      line: `Hồ sơ ${d.dossierCode} không được giải quyết. Lý do: ${d.reason}`,
    }),
  },
  'dossier.status-changed': {
    email: (d) => ({
      subject: `[Một Cửa] Hồ sơ ${d.dossierCode} có thay đổi`,
      body: email(d, ['Hồ sơ của ông/bà vừa có thay đổi:', d.what, '', ...facts(d)]),
    }),
    sms: (d) => fitSms(`Ho so ${d.dossierCode}: ${d.what}.`),
    zalo: (d) => ({ params: { ...znsFacts(d), status: cap(d.what, ZNS_LONG) }, line: `Hồ sơ ${d.dossierCode}: ${d.what}` }),
  },
};

/**
 * Renders one notification for one channel. The result spreads into `enqueueNotification`:
 * `enqueueNotification(tx, { channel, recipient, dossierId, ...renderNotification(key, channel, data) })`.
 */
export function renderNotification<K extends NotificationTemplateKey>(key: K, channel: Channel, data: TemplateData[K]): RenderedNotification {
  const t = templates[key] as Renderer<K>;
  switch (channel) {
    case 'email': {
      const { subject, body } = t.email(data);
      return { templateKey: key, subject, body };
    }
    case 'sms':
      return { templateKey: key, subject: null, body: t.sms(data) };
    case 'zalo': {
      const { params, line } = t.zalo(data);
      return { templateKey: key, subject: null, body: line, templateData: params };
    }
  }
}
