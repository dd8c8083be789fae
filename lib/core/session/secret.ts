/** The key that signs and encrypts sessions and hand-offs (NEXTAUTH_SECRET; `npm start` generates one). */
export function authSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  if (!secret || secret.length < 16) throw new Error("NEXTAUTH_SECRET is not set (at least 16 characters).");
  return secret;
}
