// The app as the browser tests see it: a production build serving E2E_MONGODB_URI (started by
// test.mjs) on E2E_PORT, or, when run alone, its own throwaway database with the demo data.
// Started and stopped by Playwright's webServer.
import { spawn } from "node:child_process";
import { nextBin } from "./lib/app-env.mjs";
import { startE2EDatabase } from "./lib/e2e-database.mjs";
import { stopChildrenOnExit, track } from "./lib/proc.mjs";

async function main() {
  stopChildrenOnExit();
  const port = Number(process.env.E2E_PORT);
  const uri = process.env.E2E_MONGODB_URI ?? (await startE2EDatabase(process.env));
  const env = { ...process.env, MONGODB_URI: uri, APP_DOMAIN: `localhost:${port}`, PORT: String(port) };
  const server = track(spawn(process.execPath, [nextBin(), "start", "-p", String(port)], { env, stdio: "inherit" }));
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
