// Where the app's database is: MONGODB_URI when set, else the embedded FerretDB. FerretDB runs on
// the machine's PostgreSQL when one answers (measured several times faster than its SQLite
// backend: docs/benchmarks.md), else on SQLite in .data/ferretdb. FERRETDB_BACKEND=sqlite|postgresql
// forces a choice; FERRETDB_POSTGRESQL_URL names another PostgreSQL database.
import { join } from "node:path";
import { capture, isListening, root, SetupError, step } from "./proc.mjs";
import { tunePostgresForFerretDB } from "./pg-tuning.mjs";
import { startFerretDB } from "./services.mjs";

export const ferretdbPort = () => Number(process.env.FERRETDB_PORT ?? 27027);
export const DATA_DIR = join(root, ".data", "ferretdb");
const PG_DATABASE = "dealcycle";
const PG_ARGS = ["-h", "127.0.0.1", "-p", "5432", "-U", "postgres"];

/** The PostgreSQL URL for FerretDB, creating the database when missing; null to use SQLite. */
async function postgresqlUrl() {
  const choice = process.env.FERRETDB_BACKEND;
  if (choice === "sqlite") return null;
  if (choice && choice !== "postgresql") throw new SetupError(`FERRETDB_BACKEND must be sqlite or postgresql, not "${choice}".`);
  if (process.env.FERRETDB_POSTGRESQL_URL) return process.env.FERRETDB_POSTGRESQL_URL;
  const unavailable = (why) => {
    if (choice === "postgresql") throw new SetupError(`FERRETDB_BACKEND=postgresql, but ${why}. Set FERRETDB_POSTGRESQL_URL or use sqlite.`);
    return null;
  };
  if (!(await isListening(5432))) return unavailable("no PostgreSQL answers on 127.0.0.1:5432");
  const found = await capture("psql", [...PG_ARGS, "-d", "postgres", "-tAc", `SELECT 1 FROM pg_database WHERE datname = '${PG_DATABASE}'`]);
  if (found === null) return unavailable("psql could not connect as user postgres");
  if (found.trim() !== "1" && (await capture("createdb", [...PG_ARGS, PG_DATABASE])) === null) {
    return unavailable(`the database ${PG_DATABASE} could not be created`);
  }
  return `postgres://postgres@127.0.0.1:5432/${PG_DATABASE}`;
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
  const { uri } = await startFerretDB({
    dataDir: DATA_DIR,
    port,
    logFile,
    ...(pg ? { backend: "postgresql", postgresqlUrl: pg } : {}),
  });
  return { uri: `${uri}/dealcycle`, embedded: true, postgresqlUrl: pg };
}

/** After migrations (which create the tables), index FerretDB's PostgreSQL tables for its pushdown. */
export async function tuneDatabase({ postgresqlUrl, uri }) {
  if (!postgresqlUrl) return;
  const created = await tunePostgresForFerretDB(postgresqlUrl, new URL(uri).pathname.slice(1) || "dealcycle");
  if (created) step(`Indexed ${created} lookup fields in PostgreSQL for FerretDB's equality pushdown`);
}
