import type { ChildProcess } from "node:child_process";

export function startThrowawayFerretDB(): Promise<{
  /** mongodb://127.0.0.1:<port>, without a database. */
  uri: string;
  backend: "postgresql" | "sqlite";
  /** The PostgreSQL database FerretDB stores into (for scripts/lib/pg-tuning.mjs), or null on SQLite. */
  postgresqlUrl: string | null;
  child: ChildProcess;
  /** Stops the server and removes its data (the PostgreSQL database or the SQLite folder). */
  stop: () => Promise<void>;
  /** Removes the data only, synchronously: for exit handlers. */
  removeSync: () => void;
}>;
