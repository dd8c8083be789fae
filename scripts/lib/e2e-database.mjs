// The browser tests' own database: a throwaway FerretDB with the demo data. test.mjs starts it
// before Playwright so the tests themselves can read and arrange data (E2E_MONGODB_URI).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runTs } from "./app-env.mjs";
import { freePort } from "./proc.mjs";
import { removeDir, startFerretDB } from "./services.mjs";

export async function startE2EDatabase(env) {
  const dataDir = mkdtempSync(join(tmpdir(), "dealcycle-e2e-db-"));
  process.on("exit", () => removeDir(dataDir));
  const { uri } = await startFerretDB({ dataDir, port: await freePort(), logFile: join(dataDir, "ferretdb.log") });
  const dbUri = `${uri}/dealcycle_e2e`;
  // The browser tests need the demo companies whatever the caller's DEMO_DATA says.
  await runTs("scripts/db-cli.ts", ["prepare"], { ...env, MONGODB_URI: dbUri, DEMO_DATA: "1" });
  return dbUri;
}
