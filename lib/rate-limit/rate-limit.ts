import "server-only";
import { createHash } from "node:crypto";
import { getRedis } from "@/lib/redis";
import { mongodbUri } from "@/lib/env";

/** A fixed-window budget: at most `max` counted events per `windowSeconds`. */
export type Budget = { name: string; max: number; windowSeconds: number };

// Environments that share one Redis (a developer's app and the test runs beside it) must not
// share counters: keys carry a short hash of the database they serve.
function namespace(): string {
  return createHash("sha256").update(mongodbUri()).digest("hex").slice(0, 10);
}

function key(budget: Budget, subject: string): string {
  const id = createHash("sha256").update(subject).digest("hex").slice(0, 32);
  return `dc:${namespace()}:rl:${budget.name}:${id}`;
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

/** "15 minutes", "1 minute", "30 seconds". */
export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
