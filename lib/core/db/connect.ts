import mongoose from "mongoose";
import { mongodbDbName, mongodbUri } from "@/lib/core/env";
import { limitWriteBatches } from "@/lib/core/db/write-batches";

// Indexes are built by the migration runner at start, not lazily on first use of a model.
mongoose.set("autoIndex", false);
mongoose.set("autoCreate", false);
// Unknown filter keys must reach the server as written (a typo must not widen a query).
mongoose.set("strictQuery", false);
// No write command may carry enough statements to exhaust FerretDB's PostgreSQL pool.
limitWriteBatches();

type Cached = { promise: Promise<typeof mongoose> | null };
const globalCache = globalThis as unknown as { __dealcycleMongo?: Cached };
const cache: Cached = (globalCache.__dealcycleMongo ??= { promise: null });

/** Connects once per process (the dev server reloads modules, so the promise lives on globalThis). */
export function connectDb(uri = mongodbUri()): Promise<typeof mongoose> {
  cache.promise ??= mongoose
    .connect(uri, { dbName: mongodbDbName(uri), serverSelectionTimeoutMS: 10_000, maxPoolSize: 20 })
    .catch((err) => {
      cache.promise = null;
      throw err;
    });
  return cache.promise;
}

export async function disconnectDb(): Promise<void> {
  if (cache.promise) {
    cache.promise = null;
    await mongoose.disconnect();
  }
}
