// A throwaway redis-server of a test's own, for what the shared one must never see: being killed
// and started again. Started without persistence, as the app's Redis runs, so a restart loses
// every key.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts redis-server on `port`; resolves when it says it accepts connections. */
function startOn(port: number): Promise<ChildProcess> {
  const child = spawn("redis-server", ["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("Ready to accept connections")) resolve(child);
    });
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`redis-server on ${port} exited (${code}): ${out.slice(-500)}`)));
  });
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

export type RedisServer = { url: string; restart: () => Promise<void>; stop: () => Promise<void> };

export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  let child = await startOn(port);
  return {
    url: `redis://127.0.0.1:${port}`,
    /** Killed and started again on the same port, empty. */
    async restart() {
      await kill(child);
      child = await startOn(port);
    },
    stop: () => kill(child),
  };
}
