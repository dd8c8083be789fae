import "server-only";
import { randomBytes } from "node:crypto";
import mongoose, { Types } from "mongoose";
import { scoped } from "@/lib/core/db/scoped";
import { systemContext } from "@/lib/core/db/tenant-context";
import { getRedis, redisKeyPrefix } from "@/lib/core/redis";
import { Buyer } from "@/models/buyer";
import { Communication } from "@/models/communication";
import { Conversation } from "@/models/conversation";
import { Lead } from "@/models/lead";
import { conversationFields, isUnread, needsReview, taggedDoNotContact, type MessageFacts } from "./conversation-fields";
import { announceConversation } from "./inbox-channel";
import { noteConversationsChanged } from "./conversation-read-model";

export type ContactKey = { tenantId: string; contactType: "lead" | "buyer"; contactId: string };

const LOCK_MS = 10_000;

/**
 * One refresh of a conversation at a time (web processes and the worker alike): each recomputes
 * from the source, so the last one to start writes what it read last, never an older reading
 * over a newer one.
 */
async function withConversationLock<T>(key: ContactKey, fn: () => Promise<T>): Promise<T> {
  const redis = getRedis();
  const lock = `${redisKeyPrefix()}:lock:conversation:${key.tenantId}:${key.contactType}:${key.contactId}`;
  const token = randomBytes(8).toString("hex");
  const deadline = Date.now() + LOCK_MS;
  for (let attempt = 0; ; attempt++) {
    if ((await redis.set(lock, token, "PX", LOCK_MS, "NX")) === "OK") break;
    if (Date.now() > deadline) break; // a stuck holder: go on rather than lose the refresh
    await new Promise((resolve) => setTimeout(resolve, Math.min(40, 2 + attempt * 3)));
  }
  try {
    return await fn();
  } finally {
    if ((await redis.get(lock)) === token) await redis.del(lock);
  }
}

/** Whether the company has this number on its opt-out list (the compliance module's, when present). */
async function numberOptedOut(tenantId: string, phone: string | null | undefined): Promise<boolean> {
  const OptOut = mongoose.models.OptOut;
  if (!phone || !OptOut) return false;
  return (await OptOut.exists({ tenant_id: new Types.ObjectId(tenantId), number: phone, opted_out: true })) !== null;
}

/**
 * Recomputes one contact's inbox row from its communications and the contact itself, writes it
 * (or removes it when nothing is left), and tells the company's open inboxes.
 */
export async function refreshConversation(key: ContactKey): Promise<void> {
  if (!Types.ObjectId.isValid(key.contactId)) return;
  const ctx = systemContext(key.tenantId, "job", undefined, undefined, "Inbox");
  const contactId = new Types.ObjectId(key.contactId);
  const where = { recipient_type: key.contactType, recipient_id: contactId };
  const row = { contact_type: key.contactType, contact_id: contactId };
  const conversations = scoped(ctx, Conversation);
  const changed = await withConversationLock(key, async () => {
    const comms = scoped(ctx, Communication);
    // One read of the contact's messages (without their bodies), counted here: FerretDB counts,
    // sorts and tests `$exists` in its own process after reading every matching message anyway.
    const [messages, contact, before] = await Promise.all([
      comms.find(where, { status: 1, direction: 1, read_at: 1, review: 1, created_at: 1 }).lean<(MessageFacts & { _id: Types.ObjectId; read_at?: Date | null; review?: { flagged_at?: Date | null; resolved_at?: Date | null } | null })[]>(),
      key.contactType === "lead"
        ? scoped(ctx, Lead).findOne({ _id: contactId }, { name: 1, phone: 1, assigned_to: 1, tags: 1 }).lean()
        : scoped(ctx, Buyer).findOne({ _id: contactId }, { name: 1, phone: 1 }).lean(),
      conversations.findOne(row, { _id: 1 }).lean(),
    ]);
    let newest: (typeof messages)[number] | undefined;
    for (const m of messages) {
      if (m.status === "scheduled") continue;
      if (!newest || (m.created_at?.getTime() ?? 0) > (newest.created_at?.getTime() ?? 0)) newest = m;
    }
    const last = newest && ((await comms.findOne({ _id: newest._id }, { type: 1, direction: 1, status: 1, content: 1, duration: 1, media_urls: 1, created_at: 1 }).lean()) as MessageFacts | null);
    if (!last || !contact) {
      await conversations.deleteOne(row);
      return before ? [String(before._id)] : [];
    }
    const counts = { messages: messages.length, unread: messages.filter(isUnread).length, needsReview: messages.some(needsReview) };
    const c = contact as Record<string, any>;
    const optedOut = taggedDoNotContact(c) || (await numberOptedOut(key.tenantId, c.phone));
    const res = await conversations.updateOne(
      row,
      { $set: conversationFields(last, counts, c, optedOut) },
      { upsert: true },
    );
    const id = before?._id ?? res.upsertedId ?? (await conversations.findOne(row, { _id: 1 }).lean())?._id;
    return id ? [String(id)] : [];
  });
  // The rows web processes hold (conversation-read-model.ts) read the written row again; before the announcement,
  // so an inbox that hears it and asks again gets the new row.
  await noteConversationsChanged(key.tenantId, changed);
  await announceConversation(key.tenantId, { contactType: key.contactType, contactId: key.contactId, at: new Date().toISOString() });
}
