// The paths proxy.ts's matcher leaves out (every path starting so): keep the two in step.
const UNPROXIED = "/:path((?:_next/static|_next/image|favicon.ico|favicon.svg|icons/|manifest.webmanifest|robots.txt).*)";
const STATIC_CSP = "default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Mongoose, the MongoDB driver, argon2 and BullMQ run in Node only and must not be bundled.
  serverExternalPackages: ["mongoose", "mongodb", "@node-rs/argon2", "bullmq", "ioredis", "twilio"],
  poweredByHeader: false,
  typedRoutes: false,
  // The fixed security headers for every response, Next.js's own files (/_next/static, which
  // proxy.ts never sees) included. Pages and APIs get the full set, with the per-request CSP and
  // HSTS, from proxy.ts (lib/security/response-headers.ts), whose values override these.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
      // What proxy.ts never sees (its matcher leaves these out) gets a fixed policy allowing no
      // script at all: a missing /favicon.ico, /robots.txt or /icons/… is answered with the app's
      // not-found page (HTML) and had no CSP; an SVG opened directly runs no script either.
      { source: UNPROXIED, headers: [{ key: "Content-Security-Policy", value: STATIC_CSP }] },
    ];
  },
};

module.exports = nextConfig;
