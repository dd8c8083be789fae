import type { ChildProcess } from "node:child_process";

export function startThrowawayFerretDB(): Promise<{
  /** mongodb://127.0.0.1:<port>, without a database. */
  uri: string;
  backend: "postgresql" | "sqlite";
  child: ChildProcess;
  /** Stops the server and removes its data (the PostgreSQL database or the SQLite folder). */
  stop: () => Promise<void>;
  /** Removes the data only, synchronously: for exit handlers. */
  removeSync: () => void;
}>;
