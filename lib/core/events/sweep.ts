import mongoose, { Types } from "mongoose";
import { getRedis } from "@/lib/core/redis";
import { DomainEvent } from "@/models/domain-event";
import { pendingKey, storeEvent, type Intent } from "./outbox";
import { existingIds, missingIds } from "./plugin";

// Settles what a crash left behind: an intent older than the grace period belongs to a writer that
// died between recording it and storing its event. The documents of its tenant that carry its
// revision are the ones it wrote (for a delete: its ids that are gone); with none, nothing
// changed and the intent is dropped. An event already stored is queued again (the job id makes
// that a no-op while its job exists).

export const SWEEP_GRACE_MS = 30_000;

const MODELS: Record<string, string> = { lead: "Lead", buyer: "Buyer", deal: "Deal", communication: "Communication", tag: "Tag", template: "Template" };

export function modelOfResource(resource: string): mongoose.Model<any> {
  return mongoose.model(MODELS[resource] ?? resource) as mongoose.Model<any>;
}

export async function sweepEvents(now = new Date(), graceMs = SWEEP_GRACE_MS): Promise<{ settled: number; dropped: number }> {
  const redis = getRedis();
  const intents = await redis.hgetall(pendingKey());
  let settled = 0;
  let dropped = 0;
  for (const [id, json] of Object.entries(intents)) {
    const intent = JSON.parse(json) as Intent;
    if (now.getTime() - intent.at < graceMs) continue;
    const _id = new Types.ObjectId(id);
    const event = { ...intent, _id, tenant_id: new Types.ObjectId(intent.tenant_id), ids: intent.ids.map((i) => new Types.ObjectId(i)) };
    if (await DomainEvent.exists({ _id })) {
      await storeEvent(event);
    } else {
      const model = modelOfResource(intent.resource);
      const ids = intent.kind === "deleted" ? await missingIds(model, event) : await existingIds(model, event);
      if (ids.length) {
        await storeEvent({ ...event, ids });
        settled += 1;
      } else dropped += 1;
    }
    await redis.hdel(pendingKey(), id);
  }
  return { settled, dropped };
}

/** Events delivered more than `days` ago are history: removed by the maintenance job. */
export async function purgeDeliveredEvents(now = new Date(), days = 7): Promise<number> {
  const res = await DomainEvent.deleteMany({ dispatched_at: { $lt: new Date(now.getTime() - days * 86_400_000) } });
  return res.deletedCount;
}
