// Builds and starts the embedded database (FerretDB) and Redis when the environment does not
// point at running servers. Plain Node with no dependencies.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, openSync } from "node:fs";
import { join } from "node:path";
import { capture, freePort, isListening, root, run, SetupError, step, track, waitFor } from "./proc.mjs";

const goSource = join(root, "scripts", "ferretdb");
const binDir = join(root, ".cache", "bin");

async function findGo() {
  for (const candidate of ["go", "/usr/local/go/bin/go"]) {
    if (await capture(candidate, ["version"])) return candidate;
  }
  throw new SetupError(
    "Go is needed to build the embedded database (FerretDB) and was not found.\n" +
      "  Install Go 1.24+ (https://go.dev/dl) so that `go` is on PATH, or set MONGODB_URI to a running MongoDB.",
  );
}

/** Path of the FerretDB binary, built from scripts/ferretdb when its sources changed. */
export async function ensureFerretDBBinary() {
  const hash = createHash("sha256");
  for (const file of ["main.go", "go.mod", "go.sum"]) hash.update(readFileSync(join(goSource, file)));
  const binary = join(binDir, `ferretdb-${hash.digest("hex").slice(0, 12)}`);
  if (existsSync(binary)) return binary;

  const go = await findGo();
  mkdirSync(binDir, { recursive: true });
  const partial = `${binary}.partial`;
  step("Building the embedded database (FerretDB v1.24.2) from the Go module proxy; this happens once");
  try {
    await run(go, ["build", "-o", partial, "."], { cwd: goSource });
  } catch {
    // FerretDB's SQLite driver may not compile with a newer Go: fetch the module's own toolchain.
    step("Retrying the build with Go 1.24.3 (the toolchain FerretDB's go.mod names)");
    await run(go, ["build", "-o", partial, "."], {
      cwd: goSource,
      env: { ...process.env, GOTOOLCHAIN: "go1.24.3" },
    }).catch(() => {
      throw new SetupError(
        "Building FerretDB failed (see the Go output above). Check that the Go module proxy is reachable\n" +
          "  (GOPROXY) and that gcc is installed, or set MONGODB_URI to a running MongoDB.",
      );
    });
  }
  renameSync(partial, binary);
  return binary;
}

/**
 * FerretDB's PostgreSQL connections plan every statement for its own parameters. FerretDB sends
 * prepared statements, and after five runs PostgreSQL may switch one to a generic plan, made
 * without the values: a lookup by phone then scans the table (0.5 s at 100,000 leads) instead of
 * using its GIN index (scripts/lib/pg-tuning.mjs; 3 ms). The setting travels in the connection's
 * startup message, so every pooled connection has it from the start.
 */
export function withCustomPlans(postgresqlUrl) {
  const url = new URL(postgresqlUrl);
  if (!url.searchParams.has("plan_cache_mode")) url.searchParams.set("plan_cache_mode", "force_custom_plan");
  return url.toString();
}

/**
 * Starts FerretDB on 127.0.0.1:port with its data in dataDir and resolves with its URI once it
 * answers. The process is a child of this one and stops with it.
 */
export async function startFerretDB({ dataDir, port, backend = "sqlite", postgresqlUrl, logFile }) {
  const binary = await ensureFerretDBBinary();
  if (await isListening(port)) {
    throw new SetupError(
      `Port ${port} is already taken, so the embedded database cannot start there.\n` +
        `  Stop what is listening on it, choose another port with FERRETDB_PORT, or set MONGODB_URI.`,
    );
  }
  mkdirSync(dataDir, { recursive: true });
  const args = ["-listen", `127.0.0.1:${port}`, "-handler", backend];
  if (backend === "sqlite") args.push("-sqlite-url", `file:${dataDir}/`);
  else args.push("-postgresql-url", withCustomPlans(postgresqlUrl));
  const out = logFile ? openSync(logFile, "a") : "inherit";
  // A lazier garbage collector: FerretDB spends most of its CPU collecting garbage while it
  // decodes documents (profiled in docs/benchmarks.md); the memory limit bounds the trade.
  const env = { ...process.env, GOGC: process.env.GOGC ?? "400", GOMEMLIMIT: process.env.GOMEMLIMIT ?? "4GiB" };
  const child = track(spawn(binary, args, { stdio: ["ignore", out, out], env }));
  let exited = null;
  child.on("exit", (code) => (exited = code ?? "signal"));
  const up = await waitFor(async () => exited !== null || (await isListening(port)), { timeoutMs: 30_000 });
  if (!up || exited !== null) {
    child.kill();
    const why = exited !== null ? `it exited (${exited === "signal" ? "killed by a signal" : `code ${exited}`})` : "it did not answer within 30 s";
    const log = logFile && existsSync(logFile) ? `\n  Its log (${logFile}) ends with:\n${tail(logFile)}` : "";
    throw new SetupError(
      `The embedded database (FerretDB) did not come up on 127.0.0.1:${port}: ${why}.${log}\n` +
        `  Fix what its log names and try again, or set MONGODB_URI to a running MongoDB.`,
    );
  }
  return { uri: `mongodb://127.0.0.1:${port}`, child };
}

/** Stops a server process: SIGTERM, then SIGKILL when it has not exited after graceMs (a hung server may not). */
export async function stopProcess(child, graceMs = 5000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

function tail(file) {
  return readFileSync(file, "utf8").split("\n").slice(-15).map((l) => `    ${l}`).join("\n");
}

/** A URL for messages: without its password. */
function redacted(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(an unparsable URL)";
  }
}

/** Sends PING to a Redis server; true when it answers PONG. */
async function redisAnswers(url) {
  const { hostname, port } = new URL(url);
  const { connect } = await import("node:net");
  return new Promise((resolve) => {
    const socket = connect({ host: hostname || "127.0.0.1", port: Number(port || 6379) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("error", () => done(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (d) => done(d.toString().startsWith("+PONG") || d.toString().startsWith("-NOAUTH")));
  });
}

async function findRedisServer() {
  if (await capture("redis-server", ["--version"])) return "redis-server";
  step("Installing redis-server from Debian's packages");
  const sudo = process.getuid?.() === 0 ? [] : ["sudo"];
  const cmd = (args) => (sudo.length ? run("sudo", args) : run(args[0], args.slice(1)));
  try {
    await cmd(["apt-get", "install", "-y", "--no-install-recommends", "redis-server"]).catch(async () => {
      await cmd(["apt-get", "update"]);
      await cmd(["apt-get", "install", "-y", "--no-install-recommends", "redis-server"]);
    });
  } catch {
    throw new SetupError(
      "Redis is needed (jobs and rate limits) and none answers on 127.0.0.1:6379; installing redis-server failed.\n" +
        "  Install it (apt-get install redis-server) or set REDIS_URL to a running Redis.",
    );
  }
  return "redis-server";
}

/**
 * Returns a Redis URL that answers: REDIS_URL when set, else the local default when it answers,
 * else a redis-server started here (kept in memory only) on a free port.
 */
export async function ensureRedis() {
  if (process.env.REDIS_URL) {
    if (!(await redisAnswers(process.env.REDIS_URL))) {
      throw new SetupError(
        `REDIS_URL is set to ${redacted(process.env.REDIS_URL)} but no Redis answers there.\n` +
          "  Start that Redis, correct REDIS_URL, or unset it to use (or start) one on 127.0.0.1:6379.",
      );
    }
    return process.env.REDIS_URL;
  }
  const local = "redis://127.0.0.1:6379";
  if (await redisAnswers(local)) return local;
  const binary = await findRedisServer();
  const port = (await isListening(6379)) ? await freePort() : 6379;
  step(`Starting redis-server on 127.0.0.1:${port}`);
  const child = track(
    spawn(binary, ["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no"], {
      stdio: "ignore",
    }),
  );
  const url = `redis://127.0.0.1:${port}`;
  if (!(await waitFor(() => redisAnswers(url), { timeoutMs: 10_000 }))) {
    child.kill();
    throw new SetupError(
      `redis-server did not answer on 127.0.0.1:${port} within 10 s.\n` +
        "  Run `redis-server --port " + port + "` to see why, or set REDIS_URL to a running Redis.",
    );
  }
  return url;
}

/** Removes a folder of throwaway data (test runs). */
export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}
