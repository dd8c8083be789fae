import "server-only";
import { z } from "zod";
import { emailSchema } from "@/lib/zod/fields";
import { findAccountsByEmail, toMembership } from "./memberships";
import type { RootIdentity } from "@/lib/core/session/session-claims";

/** The ID token claims we rely on; Google (and our stand-in) send more. */
export const googleProfileSchema = z.object({
  sub: z.string().min(1).max(255),
  email: z.string().pipe(emailSchema),
  email_verified: z.union([z.literal(true), z.literal("true")]),
  name: z.string().max(200).optional(),
});

export type GoogleProfile = { sub: string; email: string; name?: string };

/** The verified Google identity in a profile, or null (missing claims, e-mail not verified). */
export function parseGoogleProfile(profile: unknown): GoogleProfile | null {
  const parsed = googleProfileSchema.safeParse(profile);
  if (!parsed.success) return null;
  return { sub: parsed.data.sub, email: parsed.data.email, name: parsed.data.name?.trim() || undefined };
}

/**
 * The root session of a Google sign-in: the verified e-mail, and every active membership of that
 * e-mail not already linked to a different Google account. It may have no membership at all:
 * the person may be accepting an invitation, which the workspace decides on its own host.
 */
export async function googleRootClaims(profile: GoogleProfile): Promise<RootIdentity> {
  const accounts = await findAccountsByEmail(profile.email);
  const usable = accounts.filter((a) => a.isActive && (!a.googleId || a.googleId === profile.sub));
  return {
    typ: "root",
    email: profile.email,
    name: profile.name ?? usable[0]?.name,
    amr: "google",
    gsub: profile.sub,
    m: usable.map(toMembership),
  };
}
