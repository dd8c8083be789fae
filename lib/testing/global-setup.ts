// Starts a throwaway FerretDB for the whole test run, on the backend users get (PostgreSQL when
// one answers, else SQLite; TEST_FERRETDB_BACKEND=sqlite|postgresql forces one), unless
// TEST_MONGODB_URI points at a server to use instead. Each test file gets its own database.
import type { TestProject } from "vitest/node";

export default async function setup(project: TestProject) {
  // The local Twilio every test file's SDK talks to (through TWILIO_API_BASE, set in setup-db.ts).
  const { startLocalTwilio } = await import("../../scripts/lib/local-twilio.mjs");
  const twilio = await startLocalTwilio();
  project.provide("twilioApiBase", twilio.url);
  if (process.env.TEST_MONGODB_URI) {
    project.provide("mongoUri", process.env.TEST_MONGODB_URI);
    project.provide("ferretdbBackend", null);
    return twilio.close;
  }
  // Plain-JS helpers shared with the start and test scripts.
  const { startThrowawayFerretDB } = await import("../../scripts/lib/throwaway-database.mjs");
  const db = await startThrowawayFerretDB();
  console.log(`Test database: FerretDB on ${db.backend === "postgresql" ? "PostgreSQL" : "SQLite"} at ${db.uri}`);
  project.provide("mongoUri", db.uri);
  project.provide("ferretdbBackend", db.backend);
  return async () => {
    await twilio.close();
    await db.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    mongoUri: string;
    /** The throwaway FerretDB's backend; null when TEST_MONGODB_URI names the server. */
    ferretdbBackend: "postgresql" | "sqlite" | null;
    /** The local Twilio's REST API (scripts/lib/local-twilio.mjs). */
    twilioApiBase: string;
  }
}
