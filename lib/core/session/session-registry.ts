import "server-only";
import { randomBytes } from "node:crypto";
import { getRedis, redisKeyPrefix } from "@/lib/core/redis";

/**
 * Server-side record of every live session, so that signing out ends it on the server and not
 * only in the browser that signed out: a copied cookie is refused once its session ended.
 *
 * Every issued session, root or tenant, carries a random id (`sid`) kept in Redis for the
 * session's lifetime: the key's presence is what makes the session live (an allow-list, so a
 * lost or flushed Redis signs people out rather than back in). A tenant session also names the
 * root session it was minted from (`rsid`), and the root keeps the set of its tenant sessions, so
 * ending a root session ends every workspace session it opened. Reading a session costs one
 * EXISTS; issuing and ending are one Lua script each, atomic against each other (a hand-off cannot
 * mint a workspace session from a root session that is being ended).
 */

/** Lifetime of the record: the sessions' own lifetime (lib/core/session/session-cookies.ts). */
const LIFETIME_SECONDS = 7 * 24 * 60 * 60;
const SID_PATTERN = /^[A-Za-z0-9_-]{24}$/;

const sessionKey = (sid: string) => `${redisKeyPrefix()}:sess:${sid}`;
const childrenKey = (rootSid: string) => `${redisKeyPrefix()}:sess:${rootSid}:tenants`;

function newSessionId(): string {
  return randomBytes(18).toString("base64url");
}

/** Records a new root-host session; returns its id. */
export async function startRootSession(): Promise<string> {
  const sid = newSessionId();
  await getRedis().set(sessionKey(sid), "root", "EX", LIFETIME_SECONDS);
  return sid;
}

const START_TENANT = `if ARGV[2] ~= '' and redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
redis.call('SET', KEYS[1], ARGV[2] == '' and 'tenant' or ARGV[2], 'EX', ARGV[1])
if ARGV[2] ~= '' then
  redis.call('SADD', KEYS[3], ARGV[3])
  redis.call('EXPIRE', KEYS[3], ARGV[1])
end
return 1`;

/**
 * Records a new tenant-host session minted from the root session `rootSid` (null: minted without
 * one, e.g. right after accepting an invitation). Returns its id, or null when the root session
 * has ended meanwhile (then no session may be minted from it).
 */
export async function startTenantSession(rootSid: string | null): Promise<string | null> {
  const sid = newSessionId();
  const root = rootSid ?? "";
  const started = await getRedis().eval(START_TENANT, 3, sessionKey(sid), sessionKey(root || "none"), childrenKey(root || "none"), LIFETIME_SECONDS, root, sid);
  return Number(started) === 1 ? sid : null;
}

/** Whether the session with this id is still live (issued here, not ended, not expired). */
export async function isSessionLive(sid: string | undefined): Promise<boolean> {
  if (!sid || !SID_PATTERN.test(sid)) return false;
  return (await getRedis().exists(sessionKey(sid))) === 1;
}

const END = `for _, k in ipairs(KEYS) do
  if string.sub(k, -8) == ':tenants' then
    for _, child in ipairs(redis.call('SMEMBERS', k)) do redis.call('DEL', ARGV[1] .. child) end
  end
  redis.call('DEL', k)
end
return 1`;

/**
 * Ends sessions at once: a tenant session, and a root session with every tenant session minted
 * from it. Ending an unknown or already ended id does nothing.
 */
export async function endSessions(ids: { tenantSid?: string | null; rootSid?: string | null }): Promise<void> {
  const keys: string[] = [];
  if (ids.tenantSid && SID_PATTERN.test(ids.tenantSid)) keys.push(sessionKey(ids.tenantSid));
  if (ids.rootSid && SID_PATTERN.test(ids.rootSid)) keys.push(childrenKey(ids.rootSid), sessionKey(ids.rootSid));
  if (!keys.length) return;
  await getRedis().eval(END, keys.length, ...keys, `${redisKeyPrefix()}:sess:`);
}
