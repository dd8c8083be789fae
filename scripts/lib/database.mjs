// Where the app's database is: MONGODB_URI when set, else the embedded FerretDB. FerretDB runs on
// the machine's PostgreSQL when one answers (measured several times faster than its SQLite
// backend: docs/benchmarks.md), else on SQLite in .data/ferretdb. FERRETDB_BACKEND=sqlite|postgresql
// forces a choice; FERRETDB_POSTGRESQL_URL names another PostgreSQL database.
import { join } from "node:path";
import { capture, isListening, root, SetupError, step } from "./proc.mjs";
import { tunePostgresForFerretDB } from "./pg-tuning.mjs";
import { startFerretDB, stopProcess } from "./services.mjs";

export const ferretdbPort = () => Number(process.env.FERRETDB_PORT ?? 27027);
export const DATA_DIR = join(root, ".data", "ferretdb");
export const DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/dealcycle";

/** Creates the URL's database when missing; a reason when that cannot be done, else null. */
export async function ensurePgDatabase(url) {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!name) return "the URL names no database";
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const shown = `${admin.host} as ${decodeURIComponent(admin.username) || "the current user"}`;
  const found = await capture("psql", [admin.href, "-tAc", `SELECT 1 FROM pg_database WHERE datname = '${name.replace(/'/g, "''")}'`]);
  if (found === null) return `psql could not connect to ${shown}`;
  if (found.trim() === "1") return null;
  const created = await capture("psql", [admin.href, "-c", `CREATE DATABASE "${name.replace(/"/g, '""')}"`]);
  return created === null ? `the database ${name} could not be created on ${shown}` : null;
}

/** The PostgreSQL URL for FerretDB, creating the database when missing; null to use SQLite. */
async function postgresqlUrl() {
  const choice = process.env.FERRETDB_BACKEND;
  if (choice === "sqlite") return null;
  if (choice && choice !== "postgresql") throw new SetupError(`FERRETDB_BACKEND must be sqlite or postgresql, not "${choice}".`);
  const given = process.env.FERRETDB_POSTGRESQL_URL;
  if (given) {
    const problem = await ensurePgDatabase(given);
    if (problem) throw new SetupError(`FERRETDB_POSTGRESQL_URL: ${problem}. Check the URL, or unset it to use the default.`);
    return given;
  }
  const unavailable = (why) => {
    if (choice === "postgresql") throw new SetupError(`FERRETDB_BACKEND=postgresql, but ${why}. Set FERRETDB_POSTGRESQL_URL or use sqlite.`);
    return null;
  };
  if (!(await isListening(5432))) return unavailable("no PostgreSQL answers on 127.0.0.1:5432");
  const problem = await ensurePgDatabase(DEFAULT_PG_URL);
  return problem ? unavailable(problem) : DEFAULT_PG_URL;
}

/**
 * Resolves the MongoDB URI to use. With `reuseRunning`, an embedded server already started by
 * `npm start` is used instead of starting a second one on the same data.
 */
export async function ensureDatabase({ reuseRunning = false } = {}) {
  if (process.env.MONGODB_URI) return { uri: process.env.MONGODB_URI, embedded: false };
  const port = ferretdbPort();
  const pg = await postgresqlUrl();
  if (reuseRunning && (await isListening(port))) {
    return { uri: `mongodb://127.0.0.1:${port}/dealcycle`, embedded: true, postgresqlUrl: pg };
  }
  const logFile = join(root, ".data", "ferretdb.log");
  if (pg) {
    step(`Starting the embedded database (FerretDB on PostgreSQL, database ${new URL(pg).pathname.slice(1)}) on 127.0.0.1:${port}`);
  } else {
    step(`Starting the embedded database (FerretDB on SQLite, data in .data/ferretdb) on 127.0.0.1:${port}`);
  }
  const options = { dataDir: DATA_DIR, port, logFile, ...(pg ? { backend: "postgresql", postgresqlUrl: pg } : {}) };
  const server = await startFerretDB(options);
  let child = server.child;
  /** Stops this FerretDB (killing it when it hangs) and starts it again on the same port and data. */
  const restart = async () => {
    await stopProcess(child);
    child = (await startFerretDB(options)).child;
  };
  return { uri: `${server.uri}/dealcycle`, embedded: true, postgresqlUrl: pg, restart };
}

/** After migrations (which create the tables), index FerretDB's PostgreSQL tables for its pushdown. */
export async function tuneDatabase({ postgresqlUrl, uri }) {
  if (!postgresqlUrl) return;
  const created = await tunePostgresForFerretDB(postgresqlUrl, new URL(uri).pathname.slice(1) || "dealcycle");
  if (created) step(`Indexed ${created} lookup fields in PostgreSQL for FerretDB's equality pushdown`);
}
