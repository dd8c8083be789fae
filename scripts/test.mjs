// `npm test`: installs what is missing (npm packages, the FerretDB build, Debian's chromium),
// then runs the type check, the unit and integration tests (vitest, on a throwaway FerretDB),
// and the browser tests (Playwright in Chromium, against a production build on its own
// throwaway database). Arguments after `--` go to vitest, e.g. `npm test -- lib/db`.
import { ensureDependencies } from "./lib/bootstrap.mjs";
import { localSecret } from "./lib/app-env.mjs";
import { ensureBuild } from "./lib/build.mjs";
import { ensureChromium } from "./lib/chromium.mjs";
import { startE2EDatabase } from "./lib/e2e-database.mjs";
import { freePort, root, run, SetupError, step, stopChildrenOnExit } from "./lib/proc.mjs";
import { ensureFerretDBBinary, ensureRedis } from "./lib/services.mjs";
import { join } from "node:path";

async function main() {
  stopChildrenOnExit();
  const only = process.argv.slice(2);
  await ensureDependencies();
  await ensureFerretDBBinary();
  const redisUrl = await ensureRedis();
  const env = {
    ...process.env,
    REDIS_URL: redisUrl,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? localSecret("auth"),
    APP_SECRET_KEY: process.env.APP_SECRET_KEY ?? localSecret("encryption"),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const bin = (name) => join(root, "node_modules", ".bin", name);

  if (only.length) {
    await run(bin("vitest"), ["run", ...only], { env });
    return;
  }

  step("Type check (tsc)");
  await run(bin("tsc"), ["--noEmit", "-p", "."], { env });

  step("Unit and integration tests (vitest, throwaway FerretDB)");
  await run(bin("vitest"), ["run"], { env });

  step("Browser tests (Playwright in Debian's Chromium)");
  await ensureChromium();
  await ensureBuild(env);
  const port = await freePort();
  const e2eDb = await startE2EDatabase(env);
  await run(bin("playwright"), ["test"], { env: { ...env, E2E_PORT: String(port), E2E_MONGODB_URI: e2eDb } });
}

main()
  // Exiting stops the throwaway servers this run started (they are tracked children).
  .then(() => process.exit(0))
  .catch((err) => {
    console.error(`\n\x1b[31mTests did not pass:\x1b[0m ${err instanceof SetupError ? err.message : (err?.stack ?? err)}`);
    process.exit(1);
  });
