// Builds the production bundle only when the sources changed since the last build.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { nextBin } from "./app-env.mjs";
import { root, run, step } from "./proc.mjs";

const INPUTS = ["app", "components", "lib", "models", "public", "proxy.ts", "instrumentation.ts", "instrumentation-client.ts", "next.config.js", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];
const stamp = join(root, ".next", ".dealcycle-source-hash");

function* files(path) {
  if (!existsSync(path)) return;
  if (statSync(path).isFile()) {
    yield path;
    return;
  }
  for (const entry of readdirSync(path).sort()) {
    if (entry === "node_modules" || /\.test\.tsx?$/.test(entry)) continue;
    yield* files(join(path, entry));
  }
}

function sourceHash() {
  const hash = createHash("sha256");
  for (const input of INPUTS) {
    for (const file of files(join(root, input))) hash.update(relative(root, file)).update(readFileSync(file));
  }
  return hash.digest("hex");
}

export async function ensureBuild(env) {
  const hash = sourceHash();
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === hash) return false;
  step("Building the app (next build); later starts reuse this build until the code changes");
  await run(process.execPath, [nextBin(), "build"], { env: { ...env, NEXT_TELEMETRY_DISABLED: "1" } });
  writeFileSync(stamp, hash);
  return true;
}
