// Starts a throwaway FerretDB (own temporary folder, free port) for the whole test run, unless
// TEST_MONGODB_URI points at a server to use instead. Each test file gets its own database.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

export default async function setup(project: TestProject) {
  if (process.env.TEST_MONGODB_URI) {
    project.provide("mongoUri", process.env.TEST_MONGODB_URI);
    return;
  }
  // Plain-JS helpers shared with the start and test scripts.
  const { startFerretDB, removeDir } = await import("../../scripts/lib/services.mjs");
  const { freePort } = await import("../../scripts/lib/proc.mjs");
  const dataDir = mkdtempSync(join(tmpdir(), "dealcycle-test-db-"));
  const port = await freePort();
  const { uri, child } = await startFerretDB({ dataDir, port, logFile: join(dataDir, "ferretdb.log") });
  project.provide("mongoUri", uri);
  return async () => {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    removeDir(dataDir);
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    mongoUri: string;
  }
}
