import { z } from "zod";
import { AppError, type AppErrorCode, type FieldErrors } from "@/lib/core/errors";
import { TenantScopeError } from "@/lib/core/db/tenant-context";

export type ActionResult<R> = { ok: true; data: R } | { ok: false; error: string; code: string; fieldErrors?: FieldErrors };

/** All field errors of a zod error, keyed by dotted path ("address.zip_code"). */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** Field errors of a Mongoose ValidationError (the model's own validators), keyed by path. */
function mongooseFieldErrors(err: { errors?: Record<string, { message: string }> }): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, e] of Object.entries(err.errors ?? {})) (out[path] ??= []).push(e.message);
  return out;
}

/**
 * Turns anything thrown by a server action or route handler into a result a client can show.
 * Unexpected errors are logged and shown generically; expected ones keep their message.
 */
export function toFailure(err: unknown): Extract<ActionResult<never>, { ok: false }> & { status: number } {
  if (err instanceof AppError) return { ok: false, code: err.code, error: err.message, fieldErrors: err.fieldErrors, status: err.status };
  if (err instanceof z.ZodError) {
    return { ok: false, code: "bad_request", error: "Please correct the highlighted fields.", fieldErrors: zodFieldErrors(err), status: 400 };
  }
  const e = err as { name?: string; code?: number; errors?: Record<string, { message: string }> };
  if (e?.name === "ValidationError") {
    return { ok: false, code: "bad_request", error: "Please correct the highlighted fields.", fieldErrors: mongooseFieldErrors(e), status: 400 };
  }
  if (e?.name === "CastError") return { ok: false, code: "bad_request", error: "A value has the wrong format.", status: 400 };
  if (e?.code === 11000) return { ok: false, code: "conflict", error: "That already exists.", status: 409 };
  if (err instanceof TenantScopeError) console.error(err);
  else console.error("[unexpected]", err);
  return { ok: false, code: "internal", error: "Something went wrong on our side. Nothing was changed; please try again.", status: 500 };
}

/** The one shape of every error a route handler answers with (docs/api.md). */
export type ApiErrorBody = { error: { code: AppErrorCode; message: string; fields?: FieldErrors } };

/**
 * The JSON response for a failure (route handlers):
 * `{ "error": { "code": "not_found", "message": "…", "fields": { "email": ["…"] } } }`, with a
 * stable code from AppErrorCode, and Retry-After (seconds) when the caller is rate limited.
 */
export function failureResponse(err: unknown): Response {
  const { status, code, error, fieldErrors } = toFailure(err);
  const body: ApiErrorBody = { error: { code: code as AppErrorCode, message: error, ...(fieldErrors && Object.keys(fieldErrors).length ? { fields: fieldErrors } : {}) } };
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (err instanceof AppError && err.retryAfterSeconds) headers["Retry-After"] = String(Math.max(1, Math.ceil(err.retryAfterSeconds)));
  return Response.json(body, { status, headers });
}
