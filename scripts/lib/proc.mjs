// Small process helpers shared by the project's scripts (no dependencies).
import { spawn } from "node:child_process";
import { createServer, connect } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export function step(message) {
  console.log(`\x1b[36m▸\x1b[0m ${message}`);
}

export class SetupError extends Error {}

/** Runs a command to completion with inherited output; rejects with a SetupError on failure. */
export function run(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: "inherit", ...options });
    child.on("error", (err) => reject(new SetupError(`could not run ${cmd}: ${err.message}`)));
    child.on("exit", (code, signal) =>
      code === 0
        ? resolve()
        : reject(new SetupError(`${cmd} ${args.join(" ")} failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

/** Runs a command and returns its stdout, or null when it cannot run or fails. */
export function capture(cmd, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"], ...options });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("error", () => resolve(null));
    child.on("exit", (code) => resolve(code === 0 ? out : null));
  });
}

/** True when something accepts TCP connections on host:port. */
export function isListening(port, host = "127.0.0.1", timeoutMs = 500) {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    const done = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** Asks the kernel for a free loopback port. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls `probe` until it resolves true or the deadline passes. */
export async function waitFor(probe, { timeoutMs, intervalMs = 100 }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return true;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  return false;
}

/** Kills every child process registered here when this process exits or is interrupted. */
const children = new Set();
export function track(child) {
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}
export function stopAll() {
  for (const child of children) child.kill("SIGTERM");
}
let hooked = false;
export function stopChildrenOnExit() {
  if (hooked) return;
  hooked = true;
  process.on("exit", stopAll);
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      stopAll();
      process.exit(130);
    });
  }
}
