// Runs a database command against the app's database: `node scripts/run.mjs migrate|seed [--large]`.
// Uses the embedded server of a running `npm start`, or starts one for the command's duration.
import { ensureDependencies } from "./lib/bootstrap.mjs";
import { runTs } from "./lib/app-env.mjs";
import { ensureDatabase, tuneDatabase } from "./lib/database.mjs";
import { SetupError, stopAll, stopChildrenOnExit } from "./lib/proc.mjs";

async function main() {
  stopChildrenOnExit();
  await ensureDependencies();
  const database = await ensureDatabase({ reuseRunning: true });
  await runTs("scripts/db-cli.ts", process.argv.slice(2), { ...process.env, MONGODB_URI: database.uri });
  await tuneDatabase(database);
}

main()
  .then(() => {
    stopAll();
    process.exit(0);
  })
  .catch((err) => {
    console.error(err instanceof SetupError ? err.message : err);
    process.exit(1);
  });
