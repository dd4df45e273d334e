/**
 * Domain errors: each module lists its codes; this file holds the only code → HTTP status table
 * and turns every error into `{ code, message }` with a Vietnamese message (English in `messageEn`).
 */
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

export const commonErrors = {
  validation: (details: Record<string, unknown>) =>
    new DomainError('COMMON.VALIDATION', 'invalid', 'Dữ liệu gửi lên không hợp lệ.', 'The request is invalid.', details),
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
