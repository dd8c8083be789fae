import { createServer } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freePort } from "./proc.mjs";
import { ensureRedis, removeDir, startFerretDB } from "./services.mjs";

describe("startFerretDB", () => {
  it("says clearly when its port is taken, and what to do", async () => {
    const port = await freePort();
    const blocker = createServer().listen(port, "127.0.0.1");
    await new Promise((resolve) => blocker.once("listening", resolve));
    const dataDir = mkdtempSync(join(tmpdir(), "dealcycle-port-test-"));
    try {
      await expect(startFerretDB({ dataDir, port })).rejects.toThrow(new RegExp(`Port ${port} is already taken.*FERRETDB_PORT.*MONGODB_URI`, "s"));
    } finally {
      blocker.close();
      removeDir(dataDir);
    }
  });
});

describe("startFerretDB when the server fails", () => {
  it("says that it exited, shows the end of its log, and what to do", async () => {
    const base = mkdtempSync(join(tmpdir(), "dealcycle-fail-test-"));
    // FerretDB reads `#` in its SQLite URL as the start of a fragment, so it refuses this folder
    // and stops at once.
    const dataDir = join(base, "data#x");
    try {
      await expect(startFerretDB({ dataDir, port: await freePort(), logFile: join(base, "ferretdb.log") })).rejects.toThrow(
        /did not come up on 127\.0\.0\.1:\d+: it exited \(code 1\)\.\n {2}Its log .* ends with:\n.*failed to parse SQLite URI.*\n {2}Fix what its log names.*MONGODB_URI/s,
      );
    } finally {
      removeDir(base);
    }
  });
});

describe("ensureRedis", () => {
  it("says when REDIS_URL names a Redis that does not answer, without its password, and what to do", async () => {
    const saved = process.env.REDIS_URL;
    process.env.REDIS_URL = `redis://:s3cret@127.0.0.1:${await freePort()}`;
    try {
      const err = await ensureRedis().catch((e: Error) => e);
      expect((err as Error).message).toMatch(/REDIS_URL is set to redis:\/\/:\*\*\*@127\.0\.0\.1:\d+ but no Redis answers there\.\n.*unset it/s);
      expect((err as Error).message).not.toContain("s3cret");
    } finally {
      if (saved === undefined) delete process.env.REDIS_URL;
      else process.env.REDIS_URL = saved;
    }
  });
});
