// Runs once when the Next.js server starts (`next start` and `next dev`), before any request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { hideInternalResponseHeaders } = await import("@/lib/security/hide-internal-headers");
    hideInternalResponseHeaders();
  }
}
