import "server-only";
import { Types } from "mongoose";
import { recordActivity } from "@/lib/activities/record-activity";
import { can, requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError, notFound } from "@/lib/core/errors";
import { ApiKey } from "@/models/api-key";
import { User } from "@/models/user";
import type { CreateApiKeyInput } from "./schemas";
import { apiKeyPrefix, generateApiKey, hashApiKey } from "@/lib/core/api-keys/secret";

export type ApiKeyView = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  expiresAt: string | null;
};

const iso = (d: unknown) => (d ? new Date(d as Date).toISOString() : null);

/**
 * Creates a key and returns its secret, the only time anyone sees it. A key may hold only
 * permissions its creator holds (an admin holds all).
 */
export async function createApiKey(ctx: TenantContext, input: CreateApiKeyInput): Promise<{ id: string; name: string; prefix: string; secret: string; scopes: string[] }> {
  requirePermission(ctx, "settings.manage");
  const beyond = input.scopes.filter((s) => !can(ctx, s));
  if (beyond.length) throw new AppError("forbidden", "A key cannot hold permissions you do not have.", { scopes: [`You do not have: ${beyond.join(", ")}`] });
  const secret = generateApiKey();
  const doc = await scoped(ctx, ApiKey).create({
    name: input.name,
    prefix: apiKeyPrefix(secret),
    key_hash: hashApiKey(secret),
    scopes: input.scopes,
    created_by: ctx.userId && Types.ObjectId.isValid(ctx.userId) ? new Types.ObjectId(ctx.userId) : undefined,
  });
  await recordActivity(ctx, {
    type: "api_key_created",
    entityType: "setting",
    entityId: doc._id,
    description: `API key ${input.name} created (${input.scopes.join(", ")})`,
    metadata: { name: input.name, prefix: doc.prefix, scopes: input.scopes },
  });
  return { id: String(doc._id), name: doc.name, prefix: doc.prefix, secret, scopes: input.scopes };
}

/** The tenant's keys, newest first, revoked ones included (for the record). */
export async function listApiKeys(ctx: TenantContext): Promise<ApiKeyView[]> {
  requirePermission(ctx, "settings.manage");
  const keys = await scoped(ctx, ApiKey).find({}, { key_hash: 0 }).sort({ created_at: -1 }).limit(500).lean();
  const creatorIds = [...new Set(keys.map((k) => k.created_by && String(k.created_by)).filter(Boolean))];
  const creators = creatorIds.length ? await scoped(ctx, User).find({ _id: { $in: creatorIds } }, { name: 1, email: 1 }).lean() : [];
  const names = new Map(creators.map((u) => [String(u._id), u.name || u.email || ""]));
  return keys.map((k) => ({
    id: String(k._id),
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes ?? [],
    createdAt: iso(k.created_at)!,
    createdBy: k.created_by ? (names.get(String(k.created_by)) ?? "Former member") : null,
    lastUsedAt: iso(k.last_used_at),
    revokedAt: iso(k.revoked_at),
    expiresAt: iso(k.expires_at),
  }));
}

/**
 * Revokes a key: the next request with it is refused (keys are looked up on every request, never
 * cached). Revoking a revoked key changes nothing; another tenant's key is not found.
 */
export async function revokeApiKey(ctx: TenantContext, keyId: string): Promise<void> {
  requirePermission(ctx, "settings.manage");
  const keys = scoped(ctx, ApiKey);
  const key = await keys.findById(keyId, { name: 1, revoked_at: 1 }).lean();
  if (!key) throw notFound("API key");
  if (key.revoked_at) return;
  await keys.updateOne(
    { _id: key._id, revoked_at: null },
    { $set: { revoked_at: new Date(), ...(ctx.userId && Types.ObjectId.isValid(ctx.userId) ? { revoked_by: new Types.ObjectId(ctx.userId) } : {}) } },
  );
  await recordActivity(ctx, { type: "api_key_revoked", entityType: "setting", entityId: key._id, description: `API key ${key.name} revoked`, metadata: { name: key.name } });
}
