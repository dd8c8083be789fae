import "server-only";
import { randomBytes } from "node:crypto";
import { getRedis, redisKeyPrefix } from "@/lib/core/redis";

/**
 * Runs `fn` holding a short Redis lock (`<prefix>:lock:<name>`), one holder at a time across web
 * processes and workers: for a read-modify-write of one derived document (FerretDB loses
 * concurrent ones). A holder stuck past `ms` is passed by rather than losing the work: `fn` is
 * told whether it holds the lock, so it can fall back to something that cannot drift (a recompute
 * from the source) when it does not.
 */
export async function withRedisLock<T>(name: string, ms: number, fn: (held: boolean) => Promise<T>): Promise<T> {
  const redis = getRedis();
  const lock = `${redisKeyPrefix()}:lock:${name}`;
  const token = randomBytes(8).toString("hex");
  const deadline = Date.now() + ms;
  let held = false;
  for (let attempt = 0; ; attempt++) {
    if ((await redis.set(lock, token, "PX", ms, "NX")) === "OK") {
      held = true;
      break;
    }
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, Math.min(40, 2 + attempt * 3)));
  }
  try {
    return await fn(held);
  } finally {
    if ((await redis.get(lock)) === token) await redis.del(lock);
  }
}
