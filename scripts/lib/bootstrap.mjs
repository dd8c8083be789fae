// Installs the project's npm dependencies when package-lock.json changed since the last install.
// Plain Node with no dependencies: it runs before node_modules exists.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run, root, step } from "./proc.mjs";

const stampFile = join(root, "node_modules", ".dealcycle-lock-hash");

export async function ensureDependencies() {
  const lock = join(root, "package-lock.json");
  const hash = createHash("sha256")
    .update(readFileSync(join(root, "package.json")))
    .update(existsSync(lock) ? readFileSync(lock) : "")
    .digest("hex");
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === hash) return;
  step("Installing npm dependencies (first run or package-lock.json changed)");
  await run("npm", existsSync(lock) ? ["ci", "--no-audit", "--no-fund"] : ["install", "--no-audit", "--no-fund"]);
  writeFileSync(stampFile, hash);
}
