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
    ];
  },
};

module.exports = nextConfig;
