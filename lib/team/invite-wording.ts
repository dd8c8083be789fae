import { isGoogleEnabled } from "@/lib/auth/google-config";

/**
 * What the Team page tells an admin about joining: Google is promised only when Google sign-in
 * is configured (GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET); it was promised everywhere.
 */
export function howInviteesJoin(googleEnabled = isGoogleEnabled()): string {
  return `They get an e-mail with a link that works once, for 7 days, and choose their own password${googleEnabled ? " (or use Google)" : ""}.`;
}
