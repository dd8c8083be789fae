// The browser tests' own database: a throwaway FerretDB (on PostgreSQL when one answers, as for
// users) with the demo data. test.mjs starts it before Playwright so the tests themselves can read
// and arrange data (E2E_MONGODB_URI).
import { runTs } from "./app-env.mjs";
import { startThrowawayFerretDB } from "./throwaway-database.mjs";

export async function startE2EDatabase(env) {
  const db = await startThrowawayFerretDB();
  process.on("exit", db.removeSync);
  const dbUri = `${db.uri}/dealcycle_e2e`;
  // The browser tests need the demo companies whatever the caller's DEMO_DATA says.
  await runTs("scripts/db-cli.ts", ["prepare"], { ...env, MONGODB_URI: dbUri, DEMO_DATA: "1" });
  return dbUri;
}
