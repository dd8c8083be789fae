// `npm test`: installs what is missing (npm packages, the FerretDB build, Debian's chromium),
// then runs the type check, the unit and integration tests (vitest, on a throwaway FerretDB),
// and the browser tests (Playwright in Chromium, against a production build on its own
// throwaway database). Arguments after `--` go to vitest, e.g. `npm test -- lib/core/db`; arguments
// that name browser specs run only those, e.g. `npm test -- e2e/buyers.spec.ts`.
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

  const specs = only.filter((arg) => arg.startsWith("e2e/") || arg.endsWith(".spec.ts"));
  if (specs.length) {
    await browserTests(env, specs);
    return;
  }
  if (only.length) {
    await run(bin("vitest"), ["run", ...only], { env });
    return;
  }

  step("Type check (tsc)");
  await run(bin("tsc"), ["--noEmit", "-p", "."], { env });

  step("Unit and integration tests (vitest, throwaway FerretDB)");
  await run(bin("vitest"), ["run"], { env });

  await browserTests(env, []);
}

async function browserTests(env, specs) {
  step("Browser tests (Playwright in Debian's Chromium)");
  await ensureChromium();
  await ensureBuild(env);
  const port = await freePort();
  const e2eDb = await startE2EDatabase(env);
  const playwright = join(root, "node_modules", ".bin", "playwright");
  await run(playwright, ["test", ...specs], { env: { ...env, E2E_PORT: String(port), E2E_MONGODB_URI: e2eDb } });
}

main()
  // Exiting stops the throwaway servers this run started (they are tracked children).
  .then(() => process.exit(0))
  .catch((err) => {
    console.error(`\n\x1b[31mTests did not pass:\x1b[0m ${err instanceof SetupError ? err.message : (err?.stack ?? err)}`);
    process.exit(1);
  });
