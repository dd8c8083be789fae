/**
 * The cookie the invitation page sets on the tenant host before "Accept with Google" (its value
 * is the invitation token). The hand-off on that host accepts the invitation with the Google
 * identity, then clears it.
 */
export const INVITE_COOKIE = "dc_invite";
