// A throwaway FerretDB for one benchmark run (on its own PostgreSQL database or SQLite folder),
// removed when the run stops or is interrupted.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../lib/proc.mjs";
import { tunePostgresForFerretDB } from "../../lib/pg-tuning.mjs";
import { removeDir, startFerretDB } from "../../lib/services.mjs";
import { cpuSampler } from "./cpu";
import { createFreshDatabase, dropDatabase, postgresUrl } from "./postgres";

export type BenchBackend = "sqlite" | "postgresql";

/** `name` labels the data folder ("buyers"); `db` is the database name the app uses. */
export async function openBenchDatabase(name: string, db: string, backend: BenchBackend) {
  const dataDir = mkdtempSync(join(tmpdir(), `dealcycle-bench-${name}-${backend}-`));
  const pgDatabase = `${db}_${process.pid}`;
  if (backend === "postgresql") await createFreshDatabase(pgDatabase);
  const { uri, child } = await startFerretDB({ dataDir, port: await freePort(), backend, postgresqlUrl: postgresUrl(pgDatabase), logFile: join(dataDir, "ferretdb.log") });
  const stop = async () => {
    child.kill("SIGTERM");
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve)));
    removeDir(dataDir);
    if (backend === "postgresql") await dropDatabase(pgDatabase);
  };
  process.once("SIGINT", () => void stop().finally(() => process.exit(130)));
  const tune = async () => (backend === "postgresql" ? tunePostgresForFerretDB(postgresUrl(pgDatabase), db) : 0);
  return { uri: `${uri}/${db}`, cpu: cpuSampler(child.pid!, backend === "postgresql" ? pgDatabase : undefined), tune, stop };
}
