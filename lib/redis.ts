import "server-only";
import { Redis } from "ioredis";
import { redisUrl } from "@/lib/env";

const globalCache = globalThis as unknown as { __dealcycleRedis?: Redis };

/** One shared client per process. Commands fail fast instead of queueing while Redis is down. */
export function getRedis(): Redis {
  globalCache.__dealcycleRedis ??= new Redis(redisUrl(), {
    lazyConnect: false,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    connectTimeout: 2000,
  });
  return globalCache.__dealcycleRedis;
}
