import "server-only";
import { randomBytes } from "node:crypto";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { getRedis, redisKeyPrefix } from "@/lib/core/redis";
import { assertUploadRoom, type PendingUploads } from "./limits";

const LOCK_MS = 10_000;

/**
 * Checks the room for a new upload and creates it as one step per company: `pending` is counted
 * and `create` runs while no other upload of the company (of this `store`) is being started, in
 * any web process. Counting, then creating, without it let 100 simultaneous starts through a cap
 * of 20 (98 pending imports; 100 file uploads against a per-person cap of 5).
 */
export async function withUploadRoom<T>(ctx: TenantContext, store: string, size: number, what: string, pending: () => Promise<PendingUploads>, create: () => Promise<T>): Promise<T> {
  const redis = getRedis();
  const key = `${redisKeyPrefix()}:lock:upload-room:${store}:${ctx.tenantId}`;
  const token = randomBytes(8).toString("hex");
  const deadline = Date.now() + LOCK_MS;
  for (let attempt = 0; (await redis.set(key, token, "PX", LOCK_MS, "NX")) !== "OK"; attempt++) {
    if (Date.now() > deadline) throw new Error("another upload of this company is still being started; please try again");
    await new Promise((resolve) => setTimeout(resolve, Math.min(50, 2 + attempt * 3) + Math.random() * 5));
  }
  try {
    assertUploadRoom(await pending(), size, what);
    return await create();
  } finally {
    await redis.eval(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`, 1, key, token).catch(() => undefined);
  }
}
