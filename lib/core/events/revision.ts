import { getRedis, redisKeyPrefix } from "@/lib/core/redis";

// Every change to a tenant's event-emitting documents takes the tenant's next revision, an
// atomic Redis counter: a later change always carries a higher number than an earlier one, so
// read models order changes by revision, never by wall-clock stamps that two processes may
// disagree on. Redis here keeps nothing on disk: a counter that vanished starts again from the
// clock (microseconds since the epoch), which is above every revision handed out before as long
// as fewer than a million changes a second were made.
// KEYS[1]: the counter; ARGV[1]: the clock floor. Leaves the revision in `rev` (the outbox's
// script goes on from there).
export const TAKE_REVISION = `
if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SET', KEYS[1], ARGV[1]) end
local rev = redis.call('INCR', KEYS[1])
`;

export const revisionKey = (tenantId: string) => `${redisKeyPrefix()}:rev:${tenantId}`;

/** The clock floor a vanished counter starts again from. */
export const revisionFloor = () => String(Date.now() * 1000);

export async function nextRevision(tenantId: string): Promise<number> {
  return Number(await getRedis().eval(`${TAKE_REVISION}\nreturn rev`, 1, revisionKey(tenantId), revisionFloor()));
}
