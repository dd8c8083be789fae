import "server-only";
import { EventEmitter } from "node:events";
import { getRedis, redisKeyPrefix } from "@/lib/core/redis";
import { Redis } from "ioredis";
import { redisUrl } from "@/lib/core/env";

// A new or changed conversation is announced on a Redis channel per company; every web process
// subscribes once and fans the news out to its open inbox streams (the SSE route). Redis pub/sub,
// not polling: an inbound text written by the worker reaches an open inbox in milliseconds.

export type InboxNews = { contactType: "lead" | "buyer"; contactId: string; at: string };

const channelOf = (tenantId: string) => `${redisKeyPrefix()}:inbox:${tenantId}`;

/** Tells every open inbox of the company that a conversation changed. Best effort: a lost message only delays a refresh. */
export async function announceConversation(tenantId: string, news: InboxNews): Promise<void> {
  await getRedis()
    .publish(channelOf(tenantId), JSON.stringify(news))
    .catch((err: unknown) => console.error("[inbox] announce failed", err));
}

type Hub = { subscriber: Redis; emitter: EventEmitter; counts: Map<string, number> };
const globalHub = globalThis as unknown as { __dcInboxHub?: Hub };

function hub(): Hub {
  if (globalHub.__dcInboxHub) return globalHub.__dcInboxHub;
  const subscriber = new Redis(redisUrl(), { maxRetriesPerRequest: null, lazyConnect: false });
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  subscriber.on("message", (channel: string, message: string) => emitter.emit(channel, message));
  subscriber.on("error", (err) => console.error("[inbox] subscriber", err.message));
  globalHub.__dcInboxHub = { subscriber, emitter, counts: new Map() };
  return globalHub.__dcInboxHub;
}

/** Calls `listener` for each change of the company's conversations until the returned function is called. */
export async function listenToInbox(tenantId: string, listener: (news: InboxNews) => void): Promise<() => Promise<void>> {
  const h = hub();
  const channel = channelOf(tenantId);
  const onMessage = (message: string) => {
    try {
      listener(JSON.parse(message) as InboxNews);
    } catch {
      // a malformed message is ignored: the next one refreshes anyway
    }
  };
  h.emitter.on(channel, onMessage);
  const count = (h.counts.get(channel) ?? 0) + 1;
  h.counts.set(channel, count);
  if (count === 1) await h.subscriber.subscribe(channel);
  return async () => {
    h.emitter.off(channel, onMessage);
    const left = (h.counts.get(channel) ?? 1) - 1;
    h.counts.set(channel, left);
    if (left === 0) {
      h.counts.delete(channel);
      await h.subscriber.unsubscribe(channel).catch(() => undefined);
    }
  };
}
