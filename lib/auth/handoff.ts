import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { getRedis } from "@/lib/core/redis";
import { membershipSchema, SIGN_IN_METHODS } from "@/lib/core/session/session-claims";

/**
 * One sign-in, many hosts. Cookies cannot span tenant hosts (custom domains never share a parent,
 * and Chromium refuses `Domain=localhost`), so the root host passes the signed-in person to a
 * tenant host with a one-time code: random, single use (GETDEL), valid for a minute, bound to one
 * tenant and to the browser that asked for it (the tenant host's SSO state cookie).
 */
const TTL_SECONDS = 60;
const CODE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const recordSchema = z.object({
  tenantId: z.string(),
  state: z.string(),
  next: z.string(),
  email: z.string(),
  name: z.string().optional(),
  amr: z.enum(SIGN_IN_METHODS),
  gsub: z.string().optional(),
  /** The membership the root sign-in proved in this tenant, if any. */
  member: membershipSchema.nullable(),
  /** The root session the code was issued from: the tenant session is minted from it, if it is still live. */
  rootSid: z.string(),
});
export type HandoffRecord = z.infer<typeof recordSchema>;

const key = (code: string) => `dc:handoff:${createHash("sha256").update(code).digest("hex")}`;

export function randomToken(): string {
  return randomBytes(32).toString("base64url");
}

export function looksLikeToken(value: unknown): value is string {
  return typeof value === "string" && CODE_PATTERN.test(value);
}

export async function issueHandoff(record: HandoffRecord): Promise<string> {
  const code = randomToken();
  await getRedis().set(key(code), JSON.stringify(recordSchema.parse(record)), "EX", TTL_SECONDS);
  return code;
}

/** The record for a code, exactly once; null for an unknown, used or expired code. */
export async function consumeHandoff(code: unknown): Promise<HandoffRecord | null> {
  if (!looksLikeToken(code)) return null;
  const raw = await getRedis().getdel(key(code));
  if (!raw) return null;
  const parsed = recordSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : null;
}
