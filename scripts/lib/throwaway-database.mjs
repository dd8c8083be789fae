// A throwaway embedded database for a test run (vitest, the browser tests): FerretDB on a free
// port, on the backend users get. Like `npm start`, that is PostgreSQL when one answers on
// 127.0.0.1:5432 (a new PostgreSQL database per run, dropped when the run ends), else SQLite in a
// temporary folder. TEST_FERRETDB_BACKEND=sqlite|postgresql forces one. Plain Node.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_PG_URL, ensurePgDatabase } from "./database.mjs";
import { capture, freePort, isListening, SetupError } from "./proc.mjs";
import { removeDir, startFerretDB } from "./services.mjs";

const PREFIX = "dealcycle_tmp_";
const STALE_AFTER_S = 24 * 3600;

function pgUrl(database) {
  const url = new URL(DEFAULT_PG_URL);
  url.pathname = `/${database}`;
  return url.href;
}

/** Drops a run's PostgreSQL database, even while FerretDB still holds connections to it. */
function dropPgDatabaseSync(name) {
  spawnSync("psql", [pgUrl("postgres"), "-qtAc", `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`], { stdio: "ignore" });
}

/** Throwaway databases left by runs that were killed (their names carry their creation time). */
async function dropStaleDatabases() {
  const names = await capture("psql", [pgUrl("postgres"), "-tAc", `SELECT datname FROM pg_database WHERE datname LIKE '${PREFIX}%'`]);
  const now = Date.now() / 1000;
  for (const name of (names ?? "").split("\n").map((n) => n.trim()).filter(Boolean)) {
    const created = Number(name.slice(PREFIX.length).split("_")[0]);
    if (Number.isFinite(created) && now - created > STALE_AFTER_S) dropPgDatabaseSync(name);
  }
}

async function chooseBackend() {
  const forced = process.env.TEST_FERRETDB_BACKEND;
  if (forced && forced !== "sqlite" && forced !== "postgresql") {
    throw new SetupError(`TEST_FERRETDB_BACKEND must be sqlite or postgresql, not "${forced}".`);
  }
  if (forced) return forced;
  return (await isListening(5432)) ? "postgresql" : "sqlite";
}

/**
 * Starts the run's FerretDB. `stop()` ends it and removes its data; `removeSync()` only removes
 * the data, for exit handlers (the server, a tracked child, is stopped with the process).
 */
export async function startThrowawayFerretDB() {
  let backend = await chooseBackend();
  const dataDir = mkdtempSync(join(tmpdir(), "dealcycle-test-db-"));
  const logFile = join(dataDir, "ferretdb.log");
  let pgName = null;
  if (backend === "postgresql") {
    await dropStaleDatabases();
    pgName = `${PREFIX}${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString("hex")}`;
    const problem = await ensurePgDatabase(pgUrl(pgName));
    if (problem && !process.env.TEST_FERRETDB_BACKEND) {
      // As `npm start` does: a PostgreSQL it cannot use means SQLite.
      console.log(`The tests' PostgreSQL database could not be created (${problem}): using SQLite.`);
      backend = "sqlite";
      pgName = null;
    } else if (problem) {
      throw new SetupError(
        `The tests' PostgreSQL database could not be created: ${problem}.\n` +
          "  Start PostgreSQL with trust authentication for user postgres, or run with TEST_FERRETDB_BACKEND=sqlite.",
      );
    }
  }
  const removeSync = () => {
    if (pgName) dropPgDatabaseSync(pgName);
    removeDir(dataDir);
  };
  let server;
  try {
    server = await startFerretDB({
      dataDir,
      port: await freePort(),
      logFile,
      ...(pgName ? { backend: "postgresql", postgresqlUrl: pgUrl(pgName) } : {}),
    });
  } catch (err) {
    removeSync();
    throw err;
  }
  const { uri, child } = server;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    removeSync();
  };
  return { uri, backend, postgresqlUrl: pgName ? pgUrl(pgName) : null, child, stop, removeSync };
}
