import "server-only";
import { z } from "zod";
import { requirePermission, type Permission } from "@/lib/core/permissions";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { toFailure, type ActionResult } from "@/lib/core/errors-response";
import { getActionContext } from "@/lib/core/tenancy/request-context";

/** FormData to a plain object; repeated keys (checkbox groups, multi-selects) become arrays. */
export function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = form.getAll(key).map((v) => (typeof v === "string" ? v : v));
    out[key] = values.length > 1 || key.endsWith("[]") ? values : values[0];
  }
  return out;
}

/**
 * The one wrapper every tenant server action goes through: it resolves the tenant from the host
 * and the signed-in member from the session, checks the permission, parses the input with zod
 * (all field errors come back, not just the first), runs the action, and turns every failure into
 * `{ ok: false, error, fieldErrors }`. Works with `useActionState` (prev state, FormData) and
 * with direct calls (input object).
 */
export function tenantAction<S extends z.ZodType, R>(
  schema: S,
  permission: Permission | null,
  fn: (ctx: TenantContext, input: z.infer<S>) => Promise<R>,
) {
  return async function action(...args: unknown[]): Promise<ActionResult<R>> {
    try {
      const raw = args.length > 1 ? args[1] : args[0];
      const input = raw instanceof FormData ? formDataToObject(raw) : raw;
      const ctx = await getActionContext({ write: true });
      if (permission) requirePermission(ctx, permission);
      const parsed = schema.parse(input);
      return { ok: true, data: await fn(ctx, parsed) };
    } catch (err) {
      const { status: _status, ...failure } = toFailure(err);
      return failure;
    }
  };
}
