import "server-only";
import { createHash } from "node:crypto";
import { Redis } from "ioredis";
import { mongodbUri, redisUrl } from "@/lib/core/env";

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

/**
 * The prefix of keys that belong to one environment's data (rate limits, sessions). Environments
 * that share one Redis (a developer's app and the test runs beside it) must not share them: the
 * prefix carries a short hash of the database they serve.
 */
export function redisKeyPrefix(): string {
  return `dc:${createHash("sha256").update(mongodbUri()).digest("hex").slice(0, 10)}`;
}
