// Direct access to the browser tests' database (E2E_MONGODB_URI, started by `npm test`), for
// arranging data and checking what the UI shows against what is stored.
import mongoose from "mongoose";

let connected: Promise<typeof mongoose> | null = null;

export function e2eDb(): Promise<typeof mongoose> {
  const uri = process.env.E2E_MONGODB_URI;
  if (!uri) throw new Error("E2E_MONGODB_URI is not set: run the browser tests through `npm test`.");
  connected ??= mongoose.connect(uri);
  return connected;
}

/** A raw collection of the e2e database (the tests read across tenants on purpose). */
export async function collection(name: string) {
  return (await e2eDb()).connection.db!.collection(name);
}
