// The environment the app, the database commands and the workers run with.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { root, run, track } from "./proc.mjs";

/** A secret for signing sessions, created once per checkout and kept in the git-ignored .data folder. */
export function localSecret(name) {
  const dir = join(root, ".data");
  const file = join(dir, `${name}.secret`);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

const TSX = ["--conditions=react-server", "--import", "tsx"];

/** Runs a TypeScript entry point (database commands, benchmarks) with the project's aliases. */
export function runTs(file, args, env) {
  return run(process.execPath, [...TSX, file, ...args], { env });
}

/** Starts a long-running TypeScript process (the job worker) as a tracked child. */
export function spawnTs(file, args, env) {
  return track(spawn(process.execPath, [...TSX, file, ...args], { cwd: root, env, stdio: "inherit" }));
}

export function nextBin() {
  return join(root, "node_modules", "next", "dist", "bin", "next");
}
