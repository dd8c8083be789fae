import { AsyncLocalStorage } from "node:async_hooks";
import type { TenantContext } from "@/lib/core/db/tenant-context";

/** Who made a change, as the outbox and the activity log record it. */
export type EventActor = {
  kind: "member" | "api_key" | "system";
  id?: string;
  /** A member's or key's name, or what the system ran ("Import"), when the context says it. */
  label?: string;
  /** For the system: import, automation, webhook, job… */
  source?: string;
  /** The member on whose behalf a key or the system acted (who started an import). */
  user_id?: string;
  ip?: string;
  user_agent?: string;
};

export const UNATTRIBUTED: EventActor = { kind: "system", label: "System" };

/** The actor of a context: its declared actor, else its member, else the system. */
export function actorOf(ctx: TenantContext | undefined): EventActor {
  const declared = (ctx as { actor?: { kind: string; userId?: string; keyId?: string; name?: string; source?: string; ref?: string; label?: string } } | undefined)?.actor;
  const where = { ...(ctx?.userId ? { user_id: ctx.userId } : {}), ...(ctx?.ip ? { ip: ctx.ip } : {}), ...(ctx?.userAgent ? { user_agent: ctx.userAgent } : {}) };
  if (declared?.kind === "member") return { kind: "member", id: declared.userId, ...(declared.name ? { label: declared.name } : {}), ...where };
  if (declared?.kind === "api_key") return { kind: "api_key", id: declared.keyId, label: declared.name, ...where };
  if (declared?.kind === "system") return { kind: "system", id: declared.ref, source: declared.source, ...(declared.label ? { label: declared.label } : {}), ...where };
  if (ctx?.userId) return { kind: "member", id: ctx.userId, ...where };
  return UNATTRIBUTED;
}

// The actor of the code running now, for writes made without a context at hand (a model called
// directly by a script or a migration). Request wrappers and scoped() set it.
const store = new AsyncLocalStorage<EventActor>();

export function runAs<T>(actor: EventActor, fn: () => T): T {
  return store.run(actor, fn);
}

export function currentActor(): EventActor | undefined {
  return store.getStore();
}
