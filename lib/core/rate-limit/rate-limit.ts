import "server-only";
import { createHash } from "node:crypto";
import { getRedis, redisKeyPrefix } from "@/lib/core/redis";

/** A fixed-window budget: at most `max` counted events per `windowSeconds`. */
export type Budget = { name: string; max: number; windowSeconds: number };

function key(budget: Budget, subject: string): string {
  const id = createHash("sha256").update(subject).digest("hex").slice(0, 32);
  return `${redisKeyPrefix()}:rl:${budget.name}:${id}`;
}

export type Verdict = { limited: boolean; retryAfterSeconds: number };

/** Whether the subject has used up its budget, without counting anything. */
export async function peekBudget(budget: Budget, subject: string): Promise<Verdict> {
  const k = key(budget, subject);
  const [count, ttl] = await getRedis().multi().get(k).ttl(k).exec().then((r) => r!.map(([, v]) => v));
  const used = Number(count ?? 0);
  return { limited: used >= budget.max, retryAfterSeconds: used >= budget.max ? Math.max(Number(ttl), 1) : 0 };
}

/** Counts one event; the window starts with the first event and is not extended by later ones. */
export async function spendBudget(budget: Budget, subject: string): Promise<Verdict> {
  const k = key(budget, subject);
  const res = await getRedis().multi().set(k, 0, "EX", budget.windowSeconds, "NX").incr(k).ttl(k).exec();
  const used = Number(res![1][1]);
  const ttl = Number(res![2][1]);
  return { limited: used > budget.max, retryAfterSeconds: used > budget.max ? Math.max(ttl, 1) : 0 };
}

/**
 * Counts one event against every budget at once, or against none: the first budget (in order)
 * already used up refuses the event, and then nothing is counted. One Lua script, so racing
 * callers cannot both take the last slot.
 */
export async function spendBudgetsTogether(entries: { budget: Budget; subject: string }[]): Promise<{ refused: number | null; retryAfterSeconds: number }> {
  const keys = entries.map((e) => key(e.budget, e.subject));
  const args = entries.flatMap((e) => [e.budget.max, e.budget.windowSeconds]);
  const [index, ttl] = (await getRedis().eval(SPEND_ALL, keys.length, ...keys, ...args)) as [number, number];
  if (index === 0) return { refused: null, retryAfterSeconds: 0 };
  return { refused: index - 1, retryAfterSeconds: ttl > 0 ? ttl : entries[index - 1].budget.windowSeconds };
}

const SPEND_ALL = `for i, k in ipairs(KEYS) do
  if tonumber(redis.call('GET', k) or '0') >= tonumber(ARGV[2 * i - 1]) then return {i, redis.call('TTL', k)} end
end
for i, k in ipairs(KEYS) do
  redis.call('SET', k, 0, 'EX', ARGV[2 * i], 'NX')
  redis.call('INCR', k)
end
return {0, 0}`;

/** Gives back one event counted by spendBudget (a slot taken for an attempt that did not fail). */
export async function refundBudget(budget: Budget, subject: string): Promise<void> {
  await getRedis().eval(REFUND, 1, key(budget, subject));
}

// Never below zero, and never creates a key (an expired window stays expired).
const REFUND = `local v = tonumber(redis.call('GET', KEYS[1]) or '0')
if v > 0 then return redis.call('DECR', KEYS[1]) end
return 0`;

export async function resetBudget(budget: Budget, subject: string): Promise<void> {
  await getRedis().del(key(budget, subject));
}

/** "3 hours", "15 minutes", "1 minute", "30 seconds". */
export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  if (seconds > 90 * 60) return `${Math.ceil(seconds / 3600)} hours`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
