/** @type {import('next').NextConfig} */
const nextConfig = {
  // Mongoose, the MongoDB driver, argon2 and BullMQ run in Node only and must not be bundled.
  serverExternalPackages: ["mongoose", "mongodb", "@node-rs/argon2", "bullmq", "ioredis", "twilio"],
  poweredByHeader: false,
  typedRoutes: false,
};

module.exports = nextConfig;
