/**
 * The cookie "Accept with Google" sets on the tenant host: the invitation token, read by the
 * sign-in hand-off on the same host (lib/auth/accept-handoff.ts), which accepts the invitation
 * with the Google identity and clears it. Same name as lib/auth/invite-cookie.ts.
 */
export const INVITE_COOKIE = "dc_invite";
export const INVITE_COOKIE_MAX_AGE = 15 * 60;
