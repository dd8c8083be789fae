// Where the app's database is: MONGODB_URI when set, else the embedded FerretDB on its data folder.
import { join } from "node:path";
import { isListening, root, step } from "./proc.mjs";
import { startFerretDB } from "./services.mjs";

export const ferretdbPort = () => Number(process.env.FERRETDB_PORT ?? 27027);
export const DATA_DIR = join(root, ".data", "ferretdb");

/**
 * Resolves the MongoDB URI to use. With `reuseRunning`, an embedded server already started by
 * `npm start` on the same data folder is used instead of starting a second one.
 */
export async function ensureDatabase({ reuseRunning = false } = {}) {
  if (process.env.MONGODB_URI) return { uri: process.env.MONGODB_URI, embedded: false };
  const port = ferretdbPort();
  if (reuseRunning && (await isListening(port))) {
    return { uri: `mongodb://127.0.0.1:${port}/dealcycle`, embedded: true };
  }
  step(`Starting the embedded database (FerretDB, SQLite) on 127.0.0.1:${port}, data in .data/ferretdb`);
  const { uri } = await startFerretDB({ dataDir: DATA_DIR, port, logFile: join(root, ".data", "ferretdb.log") });
  return { uri: `${uri}/dealcycle`, embedded: true };
}
