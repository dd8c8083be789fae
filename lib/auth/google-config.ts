/**
 * Google sign-in is offered only when GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET are set.
 * GOOGLE_ISSUER points the same provider at another OpenID Connect issuer (the tests' local
 * stand-in); unset, it is Google's.
 */
export function googleConfig(): { clientId: string; clientSecret: string; issuer?: string } | null {
  const clientId = process.env.GOOGLE_CLIENT_ID?.trim();
  const clientSecret = process.env.GOOGLE_CLIENT_SECRET?.trim();
  if (!clientId || !clientSecret) return null;
  const issuer = process.env.GOOGLE_ISSUER?.trim().replace(/\/+$/, "") || undefined;
  return { clientId, clientSecret, issuer };
}

export function isGoogleEnabled(): boolean {
  return googleConfig() !== null;
}
