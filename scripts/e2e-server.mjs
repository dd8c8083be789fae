// The app as the browser tests see it: a production build on a throwaway FerretDB with the demo
// data, served on E2E_PORT. Started (and stopped) by Playwright's webServer.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { nextBin, runTs } from "./lib/app-env.mjs";
import { freePort, stopChildrenOnExit, track } from "./lib/proc.mjs";
import { removeDir, startFerretDB } from "./lib/services.mjs";

async function main() {
  stopChildrenOnExit();
  const port = Number(process.env.E2E_PORT);
  const dataDir = mkdtempSync(join(tmpdir(), "dealcycle-e2e-db-"));
  process.on("exit", () => removeDir(dataDir));
  const { uri } = await startFerretDB({ dataDir, port: await freePort(), logFile: join(dataDir, "ferretdb.log") });
  const env = { ...process.env, MONGODB_URI: `${uri}/dealcycle_e2e`, APP_DOMAIN: `localhost:${port}`, PORT: String(port) };
  await runTs("scripts/db-cli.ts", ["prepare"], env);
  const server = track(spawn(process.execPath, [nextBin(), "start", "-p", String(port)], { env, stdio: "inherit" }));
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
