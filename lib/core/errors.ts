// One typed application error; route handlers and server actions turn it into responses.

/** The stable codes of every error the app answers with (the public API's `error.code`). */
export const APP_ERROR_CODES = ["bad_request", "unauthorized", "forbidden", "not_found", "conflict", "rate_limited", "limit_reached", "tenant_suspended", "internal"] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

const STATUS: Record<AppErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  limit_reached: 403,
  tenant_suspended: 423,
  internal: 500,
};

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly status: number;
  readonly fieldErrors?: FieldErrors;
  /** For rate_limited: when to try again (sent as Retry-After by route handlers). */
  readonly retryAfterSeconds?: number;

  constructor(code: AppErrorCode, message: string, fieldErrors?: FieldErrors, options: { retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.status = STATUS[code];
    this.fieldErrors = fieldErrors;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function notFound(what = "Record"): AppError {
  return new AppError("not_found", `${what} not found`);
}
