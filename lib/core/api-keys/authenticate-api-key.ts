import "server-only";
import { isPermission, type Permission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { appDomain } from "@/lib/core/env";
import { AppError } from "@/lib/core/errors";
import { describeWait, spendBudget, type Budget } from "@/lib/core/rate-limit/rate-limit";
import { classifyHost } from "@/lib/core/tenancy/host";
import { findTenantForHost } from "@/lib/core/tenancy/resolve-tenant";
import { MESSAGES } from "@/lib/core/tenancy/session-context";
import { ApiKey } from "@/models/api-key";
import { hashApiKey, looksLikeApiKey } from "./secret";

/** What an API request brings: the host names the tenant, the Authorization header the key. */
export type ApiKeyRequestInput = { host: string | null; authorization: string; ip?: string; userAgent?: string };

export const API_KEY_MESSAGES = {
  invalid: "Invalid API key. Send `Authorization: Bearer <key>` with an active key of this workspace.",
  revoked: "This API key was revoked.",
  expired: "This API key has expired.",
} as const;

/** Requests each key may make per window (API_RATE_LIMIT, API_RATE_LIMIT_WINDOW seconds; default 100 per 10 s). */
export function apiRateBudget(): Budget {
  const positive = (raw: string | undefined, fallback: number) => {
    const n = Number(raw);
    return Number.isInteger(n) && n > 0 ? n : fallback;
  };
  return { name: "api-key", max: positive(process.env.API_RATE_LIMIT, 100), windowSeconds: positive(process.env.API_RATE_LIMIT_WINDOW, 10) };
}

/** last_used_at is written at most this often per key: a busy key costs one write a minute, not one per request. */
const LAST_USED_EVERY_MS = 60_000;

/**
 * A key acts with its scopes. `leads.read` on a key reads all the company's leads: a key has no
 * leads assigned to it, so the members' "only my leads" rule has nothing to apply to.
 */
export function keyPermissions(scopes: readonly string[]): Permission[] {
  const granted = scopes.filter(isPermission);
  return [...new Set<Permission>([...granted, ...(granted.includes("leads.read") ? (["leads.read_all"] as const) : [])])];
}

function bearerToken(authorization: string): string | null {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization.trim());
  return match ? match[1] : null;
}

/**
 * The acting context of a request made with an API key. The key is looked up (by its hash) among
 * the keys of the host's tenant only, on every request: a key of another company answers exactly
 * like an unknown key, and a revoked key is refused from the next request on. Each key has a
 * request budget (429 with the seconds to wait). Throws AppError for every refusal.
 */
export async function authenticateApiKey(input: ApiKeyRequestInput, { write }: { write: boolean }): Promise<TenantContext> {
  const tenant = await findTenantForHost(classifyHost(input.host, appDomain()));
  if (!tenant) throw new AppError("not_found", MESSAGES.notFound);
  if (tenant.subscription_status === "cancelled") throw new AppError("not_found", MESSAGES.closed);

  const secret = bearerToken(input.authorization);
  if (!secret || !looksLikeApiKey(secret)) throw new AppError("unauthorized", API_KEY_MESSAGES.invalid);
  const base: TenantContext = { tenantId: tenant.id };
  const key = await scoped(base, ApiKey)
    .findOne({ key_hash: hashApiKey(secret) }, { name: 1, scopes: 1, revoked_at: 1, expires_at: 1, last_used_at: 1 })
    .lean();
  if (!key) throw new AppError("unauthorized", API_KEY_MESSAGES.invalid);
  if (key.revoked_at) throw new AppError("unauthorized", API_KEY_MESSAGES.revoked);
  const now = new Date();
  if (key.expires_at && new Date(key.expires_at) <= now) throw new AppError("unauthorized", API_KEY_MESSAGES.expired);

  const verdict = await spendBudget(apiRateBudget(), String(key._id));
  if (verdict.limited) {
    throw new AppError("rate_limited", `Too many requests with this key. Try again in ${describeWait(verdict.retryAfterSeconds)}.`, undefined, {
      retryAfterSeconds: verdict.retryAfterSeconds,
    });
  }
  if (write && tenant.subscription_status === "suspended") throw new AppError("tenant_suspended", MESSAGES.suspended);

  const lastUsed = key.last_used_at ? new Date(key.last_used_at) : null;
  if (!lastUsed || now.getTime() - lastUsed.getTime() >= LAST_USED_EVERY_MS) {
    // Conditional on the value read, so concurrent requests write it once.
    await scoped(base, ApiKey).updateOne({ _id: key._id, last_used_at: key.last_used_at ?? null }, { $set: { last_used_at: now } });
  }

  return {
    tenantId: tenant.id,
    actor: { kind: "api_key", keyId: String(key._id), name: key.name },
    permissions: keyPermissions(key.scopes ?? []),
    ip: input.ip,
    userAgent: input.userAgent,
  };
}
