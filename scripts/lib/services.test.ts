import { createServer } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freePort } from "./proc.mjs";
import { removeDir, startFerretDB } from "./services.mjs";

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
