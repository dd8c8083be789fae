// The app as the browser tests see it: a production build serving E2E_MONGODB_URI (started by
// test.mjs) on E2E_PORT, or, when run alone, its own throwaway database with the demo data.
// Started and stopped by Playwright's webServer.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import mongoose from "mongoose";
import { nextBin, runTs, spawnTs } from "./lib/app-env.mjs";
import { startE2EDatabase } from "./lib/e2e-database.mjs";
import { stopChildrenOnExit, track } from "./lib/proc.mjs";
import { startDnsServer } from "../lib/testing/dns-server.mjs";
import { startOidcProvider } from "../lib/testing/oidc-provider.mjs";
import { startLocalTwilio } from "./lib/local-twilio.mjs";

async function main() {
  stopChildrenOnExit();
  const port = Number(process.env.E2E_PORT);
  const uri = process.env.E2E_MONGODB_URI ?? (await startE2EDatabase(process.env));
  // Google sign-in goes to a local OpenID Connect stand-in (same next-auth provider, other issuer).
  const google = { clientId: "dealcycle-e2e", clientSecret: randomBytes(16).toString("hex") };
  const oidc = await startOidcProvider({ clients: [google] });
  // Custom-domain verification asks a local DNS stand-in, which answers TXT queries with the
  // records the browser tests publish in the database's e2e_dns_records ({ name, values }).
  const db = (await mongoose.createConnection(uri).asPromise()).db;
  const dns = await startDnsServer({ lookup: async (name) => (await db.collection("e2e_dns_records").findOne({ name }))?.values ?? null });
  // Texts and calls go to the local Twilio, which calls the app's webhooks back.
  const twilio = await startLocalTwilio({ open: true, webhookBase: `http://localhost:${port}` });
  const env = {
    ...process.env,
    TWILIO_API_BASE: twilio.url,
    MONGODB_URI: uri,
    APP_DOMAIN: `localhost:${port}`,
    PORT: String(port),
    GOOGLE_CLIENT_ID: google.clientId,
    GOOGLE_CLIENT_SECRET: google.clientSecret,
    GOOGLE_ISSUER: oidc.issuer,
    DNS_SERVERS: dns.address,
  };
  await runTs("scripts/db-cli.ts", ["connect-demo-twilio"], env);
  // The job worker (lead imports), as `npm start` runs it beside the web server.
  spawnTs("lib/core/jobs/worker.ts", [], env);
  const server = track(spawn(process.execPath, [nextBin(), "start", "-p", String(port)], { env, stdio: "inherit" }));
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
