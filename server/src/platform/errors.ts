/**
 * Domain errors: each module lists its codes; this file holds the only code → HTTP status table
 * and turns every error into `{ code, message }` with a Vietnamese message (English in `messageEn`).
 */
import { fieldLabelVi } from './field-labels.js';

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

const statusByKind = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported: 415,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
} as const satisfies Record<string, ErrorStatus>;
export type ErrorKind = keyof typeof statusByKind;

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    readonly messageVi: string,
    readonly messageEn: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(messageEn);
    this.name = 'DomainError';
  }
  get status(): ErrorStatus {
    return statusByKind[this.kind];
  }
}

/**
 * One thing wrong in a request: where (a JSON pointer such as "/applicant/phone"; "/" for the request as a whole) and
 * why, in Vietnamese, with the rule's English when it has one. In an answer every issue has English (issueEn).
 */
export type ValidationIssue = { path: string; message: string; messageEn: string };
export type ValidationIssueInput = { path: string; message: string; messageEn?: string };

// Letters only Vietnamese uses among the languages the system speaks: how a text that is not English is recognised.
const VIETNAMESE_LETTERS = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/iu;

/** True when a text has Vietnamese letters (so it cannot stand as the English message). */
export function hasVietnamese(text: string): boolean {
  return VIETNAMESE_LETTERS.test(text.normalize('NFC'));
}

/** "applicant.phone" for "/applicant/phone"; "" for the request as a whole. */
function dottedPath(path: string): string {
  return path.split('/').filter((s) => s !== '').join('.');
}

/**
 * The issue's English: the rule's own, else (a rule that speaks only Vietnamese, such as the phone rule) a sentence
 * naming the field, so that `messageEn` never repeats the Vietnamese.
 */
function issueEn(issue: ValidationIssueInput): { text: string; own: boolean } {
  const own = issue.messageEn?.trim();
  if (own && !hasVietnamese(own)) return { text: own, own: true };
  const field = dottedPath(issue.path);
  return { text: field ? `The value of "${field}" is invalid.` : 'The request is invalid.', own: false };
}

function toIssue(issue: ValidationIssueInput): ValidationIssue {
  return { path: issue.path, message: issue.message, messageEn: issueEn(issue).text };
}

const withoutFinalStop = (s: string) => s.replace(/\.\s*$/, '');

/**
 * What a refusal of input says: the first problem, with the field's Vietnamese label where one is known
 * ("Số điện thoại: Đầu số điện thoại không thuộc …"), else the rule's sentence alone; "(và N lỗi khác)" when there are
 * more. A client that shows only `message` (the portal, an integrator) still tells the person what to fix.
 */
export function validationMessages(issues: readonly ValidationIssueInput[]): { vi: string; en: string } {
  const first = issues[0];
  if (!first) return { vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request is invalid.' };
  const sentence = first.message.trim() || 'Dữ liệu gửi lên không hợp lệ.';
  const label = fieldLabelVi(first.path);
  // A sentence that already starts with the field's name ("Số điện thoại không hợp lệ: …") is not prefixed with it again.
  const vi = label && !sentence.toLocaleLowerCase('vi').startsWith(label.toLocaleLowerCase('vi')) ? `${label}: ${sentence}` : sentence;
  const english = issueEn(first);
  const field = dottedPath(first.path);
  const en = english.own && field ? `${field}: ${english.text}` : english.text;
  const more = issues.length - 1;
  if (more === 0) return { vi, en };
  return { vi: `${withoutFinalStop(vi)} (và ${more} lỗi khác).`, en: `${withoutFinalStop(en)} (and ${more} more ${more === 1 ? 'problem' : 'problems'}).` };
}

export const commonErrors = {
  /** Input refused by a rule: the message names the first problem and its field; every problem is in `details.issues`. */
  validation: (issues: readonly ValidationIssueInput[]) => {
    const { vi, en } = validationMessages(issues);
    return new DomainError('COMMON.VALIDATION', 'invalid', vi, en, { issues: issues.map(toIssue) });
  },
  /** A list's page cursor (`before`, `after`) that this server did not write: the list is to be read again from its start. */
  invalidCursor: (param: string) =>
    commonErrors.validation([{ path: `/${param}`, message: 'Vị trí trang không hợp lệ; hãy tải lại danh sách từ trang đầu.', messageEn: 'Invalid page cursor; reload the list from its first page.' }]),
  unauthenticated: () =>
    new DomainError('AUTH.UNAUTHENTICATED', 'unauthenticated', 'Bạn cần đăng nhập để tiếp tục.', 'Sign-in required.'),
  forbidden: (permission: string) =>
    new DomainError('AUTH.FORBIDDEN', 'forbidden', 'Bạn không có quyền thực hiện thao tác này.', 'You are not allowed to do this.', {
      permission,
    }),
  notFound: (what: string) =>
    new DomainError('COMMON.NOT_FOUND', 'not_found', 'Không tìm thấy dữ liệu yêu cầu.', `${what} not found.`),
  csrf: () =>
    new DomainError('AUTH.CSRF', 'forbidden', 'Phiên làm việc không hợp lệ, vui lòng tải lại trang.', 'Invalid CSRF token.'),
  rateLimited: (retryAfterSeconds: number) =>
    tooManyRequests('COMMON.RATE_LIMITED', (wait) => `Quá nhiều yêu cầu, vui lòng thử lại sau ${wait}.`, 'Too many requests.', retryAfterSeconds),
};

/** Input the server cannot read at all (a URL, a body's syntax), refused before any rule looks at it. */
export const inputErrors = {
  paramTooLong: () => new DomainError('COMMON.PARAM_TOO_LONG', 'invalid', 'Đường dẫn có tham số dài quá mức cho phép.', 'A path parameter is too long.'),
  badUrl: () => new DomainError('COMMON.BAD_URL', 'invalid', 'Đường dẫn không hợp lệ (mã hóa ký tự sai).', 'Malformed URL component.'),
  nul: () => new DomainError('COMMON.NUL_CHARACTER', 'invalid', 'Dữ liệu gửi lên chứa ký tự NUL (\\u0000) không hợp lệ.', 'The input contains a NUL character.'),
  badJson: () => new DomainError('COMMON.BAD_JSON', 'invalid', 'Dữ liệu JSON gửi lên không đúng cú pháp.', 'Malformed JSON body.'),
  badMultipart: () => new DomainError('COMMON.BAD_MULTIPART', 'invalid', 'Biểu mẫu tải tệp (multipart/form-data) bị lỗi hoặc không đầy đủ.', 'Malformed or truncated multipart body.'),
};

/** "3 phút", "45 giây", "2 giờ": a wait in words for the Vietnamese messages. */
export function waitInWordsVi(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.ceil(seconds))} giây`;
  if (seconds < 3600) return `${Math.ceil(seconds / 60)} phút`;
  return `${Math.ceil(seconds / 3600)} giờ`;
}

/** A 429 with a Vietnamese message naming the wait, and `details.retryAfterSeconds`, which becomes Retry-After. */
export function tooManyRequests(code: string, messageVi: (wait: string) => string, messageEn: string, retryAfterSeconds: number): DomainError {
  return new DomainError(code, 'rate_limited', messageVi(waitInWordsVi(retryAfterSeconds)), messageEn, { retryAfterSeconds });
}

export type ErrorBody = { code: string; message: string; messageEn: string; details?: Record<string, unknown> };

export function errorBody(err: DomainError): ErrorBody {
  return { code: err.code, message: err.messageVi, messageEn: err.messageEn, ...(err.details ? { details: err.details } : {}) };
}

/** The answer to a fault of the server itself: the same words whatever the fault, its text stays in the log. */
export function internalErrorBody(): ErrorBody {
  return { code: 'COMMON.INTERNAL', message: 'Lỗi hệ thống, vui lòng thử lại sau.', messageEn: 'Internal error.' };
}

/** Maps a PostgreSQL error raised by bad input (constraint, cast) to a domain error; others stay internal. */
export function fromPgError(err: unknown): DomainError | null {
  const e = err as { code?: string; constraint?: string; detail?: string } | null;
  if (!e || typeof e.code !== 'string') return null;
  switch (e.code) {
    case '23505':
      return new DomainError('COMMON.DUPLICATE', 'conflict', 'Dữ liệu đã tồn tại (trùng mã).', 'Duplicate value.', {
        constraint: e.constraint ?? null,
      });
    case '23503':
      return new DomainError('COMMON.REFERENCE', 'unprocessable', 'Dữ liệu tham chiếu không tồn tại hoặc đang được sử dụng.', 'Referenced row missing or in use.', {
        constraint: e.constraint ?? null,
      });
    // Text PostgreSQL cannot hold (U+0000: 22021, 22P05), a value longer than its column (22001), an index entry too
    // big for its page (54000): input errors, never 5xx.
    case '23514':
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
    case '22021':
    case '22P05':
    case '22001':
    case '54000':
      return new DomainError('COMMON.VALIDATION', 'invalid', 'Dữ liệu gửi lên không hợp lệ.', 'Invalid value.', {});
    default:
      return null;
  }
}
