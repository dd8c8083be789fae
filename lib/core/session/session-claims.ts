// What the two kinds of session cookie carry. Both are next-auth JWTs (encrypted, A256GCM); the
// `typ` claim and a distinct key derivation keep one from being replayed as the other.
import { z } from "zod";

const objectId = z.string().regex(/^[0-9a-f]{24}$/i);
/** A session's id in the server-side registry (lib/core/session/session-registry.ts). */
const sessionId = z.string().regex(/^[A-Za-z0-9_-]{24}$/);

export const SIGN_IN_METHODS = ["password", "google"] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

/** A tenant membership proven at sign-in: tenant, user, and the user's session_version then. */
export const membershipSchema = z.object({ t: objectId, u: objectId, v: z.number().int().min(0) });
export type Membership = z.infer<typeof membershipSchema>;

/**
 * The root host's session: the person (e-mail) and the memberships their sign-in proved. It
 * grants nothing by itself; each tenant host gets its own session through a hand-off.
 */
export const rootClaimsSchema = z.object({
  typ: z.literal("root"),
  email: z.string().min(3).max(254),
  name: z.string().max(200).optional(),
  amr: z.enum(SIGN_IN_METHODS),
  /** The Google account's subject, when the person signed in with Google. */
  gsub: z.string().min(1).max(255).optional(),
  m: z.array(membershipSchema).max(50),
  /** This session's id: live only while the registry has it (signing out removes it). */
  sid: sessionId,
});
export type RootClaims = z.infer<typeof rootClaimsSchema>;
/** What a sign-in proves, before it becomes a session (which adds its id). */
export type RootIdentity = Omit<RootClaims, "sid">;

/** A tenant host's session: one member of that tenant, valid while session_version still matches. */
export const tenantClaimsSchema = z.object({
  typ: z.literal("tenant"),
  sub: objectId,
  tid: objectId,
  email: z.string().min(3).max(254),
  sv: z.number().int().min(0),
  amr: z.enum(SIGN_IN_METHODS),
  /** This session's id: live only while the registry has it. */
  sid: sessionId,
  /** The root session it was minted from, if any: ending that one ends this one too. */
  rsid: sessionId.optional(),
});
export type TenantClaims = z.infer<typeof tenantClaimsSchema>;
