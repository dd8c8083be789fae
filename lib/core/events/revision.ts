import { getRedis, redisKeyPrefix } from "@/lib/redis";

// Every change to a tenant's event-emitting documents takes the tenant's next revision, an
// atomic Redis counter: a later change always carries a higher number than an earlier one, so
// read models order changes by revision, never by wall-clock stamps that two processes may
// disagree on. Redis here keeps nothing on disk: a counter that vanished starts again from the
// clock (microseconds since the epoch), which is above every revision handed out before as long
// as fewer than a million changes a second were made.
const NEXT = `
if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SET', KEYS[1], ARGV[1]) end
return redis.call('INCRBY', KEYS[1], ARGV[2])
`;

export const revisionKey = (tenantId: string) => `${redisKeyPrefix()}:rev:${tenantId}`;

export async function nextRevisions(tenantId: string, count = 1): Promise<number> {
  const key = revisionKey(tenantId);
  const floor = Date.now() * 1000;
  const last = Number(await getRedis().eval(NEXT, 1, key, String(floor), String(count)));
  return last - count + 1;
}

export const nextRevision = (tenantId: string) => nextRevisions(tenantId, 1);
