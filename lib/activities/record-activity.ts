import "server-only";
import { Types } from "mongoose";
import { scoped } from "@/lib/core/db/scoped";
import { actorOf, describeActor, type Actor, type TenantContext } from "@/lib/core/db/tenant-context";
import { Activity, ENTITY_TYPES } from "@/models/activity";
import { User } from "@/models/user";

export type ActivityInput = {
  /** lead_created, lead_updated, user_signed_in, role_changed, ... */
  type: string;
  entityType?: (typeof ENTITY_TYPES)[number];
  entityId?: string | Types.ObjectId;
  description?: string;
  metadata?: Record<string, unknown>;
};

export type StoredActor = { kind: Actor["kind"]; id?: string | Types.ObjectId; source?: string; label: string };

/** The actor as the log keeps it, named as it was when it acted (a member's name is read when the context lacks it). */
export async function storedActor(ctx: TenantContext): Promise<StoredActor> {
  const actor = actorOf(ctx);
  switch (actor.kind) {
    case "member": {
      let label = actor.name;
      if (!label) {
        const user = await scoped(ctx, User).findById(actor.userId, { name: 1, email: 1 }).lean();
        label = user?.name || user?.email || "Former member";
      }
      return { kind: "member", id: objectIdOr(actor.userId), label };
    }
    case "api_key":
      return { kind: "api_key", id: objectIdOr(actor.keyId), label: describeActor(actor) };
    case "system":
      return { kind: "system", id: actor.ref, source: actor.source, label: describeActor(actor) };
  }
}

function objectIdOr(id: string): Types.ObjectId | string {
  return /^[0-9a-f]{24}$/i.test(id) ? new Types.ObjectId(id) : id;
}

/** Appends to the tenant's activity log, stamped with who acted, from which IP and user agent. */
export async function recordActivity(ctx: TenantContext, input: ActivityInput | ActivityInput[]): Promise<void> {
  const inputs = Array.isArray(input) ? input : [input];
  if (!inputs.length) return;
  const actor = await storedActor(ctx);
  await scoped(ctx, Activity).insertMany(
    inputs.map((a) => ({
      user_id: ctx.userId,
      actor,
      type: a.type,
      entity_type: a.entityType,
      entity_id: a.entityId,
      description: a.description,
      metadata: a.metadata,
      ip_address: ctx.ip,
      user_agent: ctx.userAgent,
    })),
  );
}
