// `npm start`: installs what is missing, starts the embedded database and Redis when the
// environment names none, prepares the database (migrations; demo data on the first start of a local demo),
// builds when the code changed, then serves the app with its job worker beside it.
// `npm run dev` does the same with the Next.js dev server.
import { ensureDependencies } from "./lib/bootstrap.mjs";
import { localSecret, nextBin, runTs, spawnTs } from "./lib/app-env.mjs";
import { ensureBuild } from "./lib/build.mjs";
import { ensureDatabase, tuneDatabase } from "./lib/database.mjs";
import { isListening, SetupError, step, stopChildrenOnExit, track, waitFor } from "./lib/proc.mjs";
import { ensureRedis } from "./lib/services.mjs";
import { watchEmbeddedDatabase } from "./lib/db-watchdog.mjs";
import { spawn } from "node:child_process";
import { startLocalTwilio } from "./lib/local-twilio.mjs";

const started = performance.now();
const dev = process.argv.includes("--dev");

async function main() {
  stopChildrenOnExit();
  await ensureDependencies();

  const port = Number(process.env.PORT ?? 3000);
  if (await isListening(port)) {
    throw new SetupError(`Port ${port} is already taken. Stop what is listening there or start on another port: PORT=3100 npm start`);
  }
  const appDomain = process.env.APP_DOMAIN ?? `localhost:${port}`;
  const database = await ensureDatabase();
  const { uri } = database;
  const redisUrl = await ensureRedis();
  const env = {
    ...process.env,
    MONGODB_URI: uri,
    REDIS_URL: redisUrl,
    APP_DOMAIN: appDomain,
    PORT: String(port),
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? localSecret("auth"),
    APP_SECRET_KEY: process.env.APP_SECRET_KEY ?? localSecret("encryption"),
    NEXT_TELEMETRY_DISABLED: "1",
    // On MongoDB the database's own indexes serve lists; the read models are for FerretDB, which
    // sorts and counts in its own process.
    LEAD_LIST_INDEX: process.env.LEAD_LIST_INDEX ?? (database.embedded ? "auto" : "off"),
  };

  // A local demo texts and calls through the local (simulated) Twilio unless TWILIO_API_BASE
  // names another or LOCAL_TWILIO=0 says to use Twilio itself. Never for a public APP_DOMAIN.
  const localDomain = /^(localhost|127\.0\.0\.1|[^.]+\.localhost)(:\d+)?$/.test(appDomain);
  if (!process.env.TWILIO_API_BASE && localDomain && process.env.LOCAL_TWILIO !== "0") {
    const twilio = await startLocalTwilio({ open: true, webhookBase: `http://${appDomain}` });
    env.TWILIO_API_BASE = twilio.url;
    console.log(`Texts and calls go to the local, simulated Twilio at ${twilio.url} (LOCAL_TWILIO=0 for Twilio itself)`);
  }

  step("Preparing the database (migrations; demo data on the first start of a local demo)");
  await runTs("scripts/db-cli.ts", ["prepare", ...(database.embedded ? ["--embedded"] : [])], env);
  await tuneDatabase(database);

  if (!dev) await ensureBuild(env);
  const server = track(
    spawn(process.execPath, [nextBin(), dev ? "dev" : "start", "-p", String(port)], { env, stdio: "inherit" }),
  );
  server.on("exit", (code) => process.exit(code ?? 1));
  spawnTs("lib/core/jobs/worker.ts", [], env).on("exit", (code) => {
    if (code) console.error(`The job worker stopped (exit code ${code}).`);
  });

  const ready = await waitFor(() => isListening(port), { timeoutMs: 120_000, intervalMs: 200 });
  if (!ready) throw new SetupError(`The app did not start listening on port ${port} within 2 minutes.`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`\n\x1b[32mDealCycle is running\x1b[0m (ready in ${seconds} s)\n`);
  console.log(`  Demo workspace:   http://acme.${appDomain}`);
  console.log(`  Second workspace: http://globex.${appDomain}`);
  console.log(`  Sign-up:          http://${appDomain}`);
  console.log(`  Health:           http://${appDomain}/api/health\n`);
  console.log("  Press Ctrl+C to stop.\n");
  // An embedded database that stops answering is restarted (an open port proves nothing).
  if (database.restart) watchEmbeddedDatabase({ uri, restart: database.restart });
}

main().catch((err) => {
  console.error(`\n\x1b[31mCould not start DealCycle:\x1b[0m ${err instanceof SetupError ? err.message : (err?.stack ?? err)}`);
  process.exit(1);
});
