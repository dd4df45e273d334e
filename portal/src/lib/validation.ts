/**
 * PURE (except `formProblems`, which reads a form's controls): what is wrong with what a citizen typed, said in
 * Vietnamese, for every portal form — the e-form (EformFields), sign-in and registration, password recovery, contact
 * change, the pickup request, feedback, tracking. A browser's own bubbles ("Please fill out this field") speak the
 * browser's language and say nothing about the format; the forms use `noValidate` and show these under each field.
 * The server checks again and answers in Vietnamese too (DomainError messages): this is for the citizen, not a guard.
 *
 * Phone numbers and identity numbers reuse the checks the desk uses (applicants/phone.rules.ts, cccd.rules.ts), so a
 * number refused here is refused there with the same reason.
 */
import { normalizePhoneVn } from '../../../server/src/modules/applicants/phone.rules.js';
import { validateCccd } from '../../../server/src/modules/applicants/cccd.rules.js';
import { dayProblem } from '../../../server/src/modules/working-calendar/calendar-day.rules.js';

/** Formats a control may declare with `data-check`, beyond what HTML constraint attributes say. */
export const FIELD_CHECKS = ['phone', 'mobile', 'id-number', 'otp', 'last4', 'date', 'email', 'identifier'] as const;
export type FieldCheck = (typeof FIELD_CHECKS)[number];

export type Constraints = {
  required?: boolean;
  /** A choice (select, radio): "Chưa chọn" rather than "Chưa nhập". */
  choice?: boolean;
  /** The number of the question a radio group answers (a questionnaire's "câu 1"), said outside the quoted question. */
  question?: string;
  check?: FieldCheck;
  minLength?: number;
  maxLength?: number;
  /** A regular expression the value must match, JSON Schema style (not anchored: a form's HTML `pattern` is wrapped). */
  pattern?: string;
  number?: 'number' | 'integer';
  minimum?: number;
  maximum?: number;
};

/** The sentences, one per kind of problem; `label` is the field's visible label. */
export const problemText = {
  required: (label: string) => `Chưa nhập "${label}".`,
  choose: (label: string) => `Chưa chọn "${label}".`,
  answer: (label: string, question: string) => `Chưa chọn câu trả lời cho câu ${question} "${label}".`,
  date: (label: string) => `"${label}" không phải ngày hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 05/03/2026.`,
  email: (label: string) => `"${label}" chưa đúng dạng thư điện tử, ví dụ ten@example.vn.`,
  mobile: (label: string) => `"${label}" cần là số di động Việt Nam 10 chữ số, ví dụ 0912 345 678.`,
  identifier: (label: string) => `"${label}" cần là số di động (ví dụ 0912 345 678) hoặc thư điện tử (ví dụ ten@example.vn).`,
  otp: (label: string) => `"${label}" gồm đúng 6 chữ số, trong tin nhắn hoặc thư vừa gửi.`,
  idDigits: (label: string) => `"${label}" gồm đúng 12 chữ số.`,
  last4: (label: string) => `"${label}" gồm đúng 4 chữ số.`,
  pattern: (label: string) => `"${label}" chưa đúng định dạng.`,
  minLength: (label: string, n: number) => `"${label}" cần ít nhất ${n} ký tự.`,
  maxLength: (label: string, n: number) => `"${label}" dài quá ${n} ký tự.`,
  number: (label: string, integer: boolean) => `"${label}" phải là một số${integer ? ' nguyên' : ''}.`,
  minimum: (label: string, n: number) => `"${label}" không được nhỏ hơn ${n}.`,
  maximum: (label: string, n: number) => `"${label}" không được lớn hơn ${n}.`,
};

/** "05/03/2026" (or 5/3/2026, 05-03-2026, 05.03.2026) → "2026-03-05"; null when it is not a real date. */
export function parseVnDate(text: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A date typed dd/MM/yyyy (or already yyyy-MM-dd, as a browser's autofill may give it) as yyyy-MM-dd; null if not a real date. */
export function isoDateOf(text: string): string | null {
  const iso = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(text);
  return iso ? parseVnDate(`${iso[3]}/${iso[2]}/${iso[1]}`) : parseVnDate(text);
}

/**
 * Why a date typed dd/MM/yyyy (or yyyy-MM-dd) is not a real one, in words a citizen can act on (walk 17: "31/02" was
 * only "không hợp lệ"): a month that does not exist, a day the month does not have. Null when it is a real date or not
 * even in the form of one (the format message says that).
 */
export function impossibleDateReason(text: string): string | null {
  const iso = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/.exec(text);
  const vn = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  const [d, mo, y] = iso ? [Number(iso[3]), Number(iso[2]), Number(iso[1])] : vn ? [Number(vn[1]), Number(vn[2]), Number(vn[3])] : [NaN, NaN, NaN];
  if (Number.isNaN(d)) return null;
  const p = dayProblem(y, mo, d);
  if (p?.kind === 'month') return `không có tháng ${mo}; tháng từ 1 đến 12.`;
  if (p?.kind === 'day') return `tháng ${mo} năm ${y} chỉ có ${p.days} ngày, không có ngày ${d}.`;
  return null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function checkProblem(label: string, v: string, check: FieldCheck): string | null {
  switch (check) {
    case 'phone': {
      const r = normalizePhoneVn(v);
      return r.ok ? null : `"${label}": ${lowerFirst(r.reasonVi)}`;
    }
    case 'mobile': {
      const r = normalizePhoneVn(v);
      if (!r.ok && r.code === 'OLD_MOBILE') return `"${label}": ${lowerFirst(r.reasonVi)}`;
      return r.ok && r.kind === 'mobile' ? null : problemText.mobile(label);
    }
    case 'identifier': {
      if (v.includes('@')) return EMAIL.test(v) ? null : problemText.email(label);
      const r = normalizePhoneVn(v);
      return r.ok && r.kind === 'mobile' ? null : problemText.identifier(label);
    }
    case 'id-number': {
      const r = validateCccd(v);
      return r.ok ? null : `"${label}": ${lowerFirst(r.reasonVi)}`;
    }
    case 'otp':
      return /^\d{6}$/.test(v.replace(/\s/g, '')) ? null : problemText.otp(label);
    case 'last4':
      return /^\d{4}$/.test(v) ? null : problemText.last4(label);
    case 'date': {
      if (isoDateOf(v)) return null;
      const why = impossibleDateReason(v);
      return why ? `"${label}": ${why}` : problemText.date(label);
    }
    case 'email':
      return EMAIL.test(v) ? null : problemText.email(label);
  }
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
}

/** What is wrong with one value (`null`: nothing). Text is trimmed; an empty optional field is never wrong. */
export function valueProblem(label: string, value: unknown, c: Constraints): string | null {
  const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
  if (empty) return c.required ? (c.choice ? (c.question ? problemText.answer(label, c.question) : problemText.choose(label)) : problemText.required(label)) : null;
  if (c.number) {
    const n = typeof value === 'number' ? value : Number(String(value).trim().replace(',', '.'));
    if (!Number.isFinite(n) || (c.number === 'integer' && !Number.isInteger(n))) return problemText.number(label, c.number === 'integer');
    if (c.minimum !== undefined && n < c.minimum) return problemText.minimum(label, c.minimum);
    if (c.maximum !== undefined && n > c.maximum) return problemText.maximum(label, c.maximum);
    return null;
  }
  if (typeof value !== 'string') return null;
  const v = value.trim();
  if (c.check) {
    const p = checkProblem(label, v, c.check);
    if (p) return p;
  }
  if (c.pattern && !new RegExp(c.pattern, 'u').test(v)) {
    return c.pattern === '^[0-9]{12}$' || c.pattern === '^(?:\\d{12})$' ? problemText.idDigits(label) : problemText.pattern(label);
  }
  if (c.minLength !== undefined && v.length < c.minLength) return problemText.minLength(label, c.minLength);
  if (c.maxLength !== undefined && value.length > c.maxLength) return problemText.maxLength(label, c.maxLength);
  return null;
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function labelOf(el: Control): string {
  const text = el.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.name;
  // The label carries the required mark ("*", "(bắt buộc)"): the sentence names the field only.
  return text.replace(/\s*\*\s*$/, '').replace(/\s*\(bắt buộc\)\s*$/i, '').trim();
}

function isCheck(v: string | undefined): v is FieldCheck {
  return (FIELD_CHECKS as readonly string[]).includes(v ?? '');
}

/** The constraints a control declares: HTML attributes (required, minlength, maxlength, pattern, type) and `data-check`. */
function constraintsOf(el: Control): Constraints {
  const input = el instanceof HTMLInputElement ? el : null;
  const check = el.dataset.check;
  const min = input && input.min !== '' ? Number(input.min) : undefined;
  const max = input && input.max !== '' ? Number(input.max) : undefined;
  return {
    required: el.required,
    choice: el instanceof HTMLSelectElement || input?.type === 'radio' || input?.type === 'file',
    check: isCheck(check) ? check : input?.type === 'email' ? 'email' : undefined,
    minLength: !(el instanceof HTMLSelectElement) && el.minLength > 0 ? el.minLength : undefined,
    maxLength: !(el instanceof HTMLSelectElement) && el.maxLength > 0 ? el.maxLength : undefined,
    pattern: input?.pattern && input.type !== 'file' ? `^(?:${input.pattern})$` : undefined,
    number: input?.type === 'number' ? (input.step === '1' ? 'integer' : 'number') : undefined,
    minimum: min,
    maximum: max,
  };
}

/**
 * The problems of a form's enabled, visible-to-the-citizen controls, by control id, in the form's order. Also marks
 * each control `aria-invalid` (and clears it once fixed) so that screen readers say which field is wrong.
 */
export function formProblems(form: HTMLFormElement): { id: string; message: string }[] {
  const out: { id: string; message: string }[] = [];
  const seenRadio = new Set<string>();
  for (const el of Array.from(form.elements)) {
    if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement)) continue;
    if (el.disabled || el.type === 'hidden' || el.type === 'submit' || el.type === 'button') continue;
    let value: string = el.value;
    // A file is chosen, not typed: "Chưa chọn", and nothing else to check here (the server checks type and size).
    if (el instanceof HTMLInputElement && el.type === 'file') value = el.files?.length ? 'x' : '';
    if (el instanceof HTMLInputElement && el.type === 'radio') {
      if (seenRadio.has(el.name)) continue;
      seenRadio.add(el.name);
      value = (form.querySelector<HTMLInputElement>(`input[type=radio][name="${CSS.escape(el.name)}"]:checked`)?.value ?? '');
    }
    if (el instanceof HTMLInputElement && el.type === 'checkbox') value = el.checked ? el.value : '';
    // A radio group is named by its legend; a numbered question's legend keeps its number apart (`data-question`, the
    // words in `data-label`), so the sentence says "câu 1" and quotes the question alone.
    const legend = el instanceof HTMLInputElement && el.type === 'radio' ? el.closest('fieldset')?.querySelector('legend') : null;
    const label = legend ? ((legend.querySelector('[data-label]') ?? legend).textContent?.trim() ?? labelOf(el)) : labelOf(el);
    const message = valueProblem(label, value, { ...constraintsOf(el), question: legend?.dataset.question || undefined });
    if (message) out.push({ id: el.id || el.name, message });
    if (el.id) {
      if (message) el.setAttribute('aria-invalid', 'true');
      else el.removeAttribute('aria-invalid');
    }
  }
  return out;
}

/**
 * Checks the form: false (and the first wrong field focused) when something is wrong, with the problems by control id
 * handed to `show` (an empty object once all is right).
 */
export function checkForm(form: HTMLFormElement, show: (problems: Record<string, string>) => void): boolean {
  const problems = formProblems(form);
  show(Object.fromEntries(problems.map((p) => [p.id, p.message])));
  if (problems.length === 0) return true;
  const first = form.querySelector<HTMLElement>(`#${CSS.escape(problems[0]!.id)}`) ?? form.querySelector<HTMLElement>(`[name="${CSS.escape(problems[0]!.id)}"]`);
  first?.focus();
  return false;
}
