import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChildProcess } from "node:child_process";
import { describe, expect, it } from "vitest";
import { createWatchdog, databaseProblem } from "./db-watchdog.mjs";
import { freePort } from "./proc.mjs";
import { removeDir, startFerretDB, stopProcess } from "./services.mjs";

/** A watchdog whose probe answers from a script (null: the database answered). */
function scripted(answers: (string | null)[], restart: () => Promise<void> = async () => {}) {
  const log: string[] = [];
  const restarts: number[] = [];
  let n = 0;
  const watchdog = createWatchdog({
    probe: async () => answers[Math.min(n++, answers.length - 1)],
    restart: async () => {
      restarts.push(n);
      await restart();
    },
    failuresBeforeRestart: 3,
    intervalMs: 10_000,
    log: (m) => log.push(m),
  });
  const checks = async (k: number) => {
    const results = [];
    for (let i = 0; i < k; i++) results.push(await watchdog.check());
    return results;
  };
  return { checks, log, restarts };
}

describe("the embedded database watchdog's decisions", () => {
  it("restarts only after three unanswered checks in a row, and says why and when it is back", async () => {
    const w = scripted(["did not answer within 3000 ms", "did not answer within 3000 ms", "did not answer within 3000 ms", null]);
    expect(await w.checks(3)).toEqual(["failing", "failing", "restarted"]);
    expect(w.restarts).toHaveLength(1);
    expect(w.log).toEqual([
      "The embedded database stopped answering (3 checks in a row over 20 s; last: did not answer within 3000 ms); restarting it",
      expect.stringMatching(/^The embedded database is back and answering \(restarted in \d+\.\d s\)$/),
    ]);
  });

  it("does not restart a database that answers again between failures", async () => {
    const w = scripted(["slow", "slow", null, "slow", "slow", null]);
    expect(await w.checks(6)).toEqual(["failing", "failing", "ok", "failing", "failing", "ok"]);
    expect(w.restarts).toHaveLength(0);
    expect(w.log).toEqual([]);
  });

  it("says when a restart fails and tries again at the next check", async () => {
    let attempts = 0;
    const w = scripted(["refused", "refused", "refused", "refused", null], async () => {
      attempts += 1;
      if (attempts === 1) throw new Error("port 27027 is taken");
    });
    expect(await w.checks(4)).toEqual(["failing", "failing", "restart-failed", "restarted"]);
    expect(w.log[1]).toBe("Restarting the embedded database failed: port 27027 is taken. Trying again at the next check.");
  });
});

describe("the watchdog on a real FerretDB", () => {
  it("finds a server that stops answering and brings it back on the same port and data", { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "dealcycle-watchdog-test-"));
    const options = { dataDir, port: await freePort(), logFile: join(dataDir, "ferretdb.log") };
    let child: ChildProcess = (await startFerretDB(options)).child;
    const uri = `mongodb://127.0.0.1:${options.port}/watchdog`;
    const log: string[] = [];
    const watchdog = createWatchdog({
      probe: () => databaseProblem(uri, 1000),
      restart: async () => {
        await stopProcess(child, 1000);
        child = (await startFerretDB(options)).child;
      },
      log: (m) => log.push(m),
    });
    const { MongoClient } = await import("mongodb");
    const stored = async (write: boolean) => {
      const client = await new MongoClient(uri).connect();
      try {
        if (write) await client.db().collection("notes").insertOne({ text: "kept" });
        return (await client.db().collection("notes").findOne({}))?.text;
      } finally {
        await client.close();
      }
    };
    try {
      expect(await stored(true)).toBe("kept");
      expect(await watchdog.check()).toBe("ok");
      // A stopped process keeps its port open but answers nothing, like a hung server.
      child.kill("SIGSTOP");
      const hung = child;
      expect(await watchdog.check()).toBe("failing");
      expect(await watchdog.check()).toBe("failing");
      expect(await watchdog.check()).toBe("restarted");
      expect(hung.signalCode).toBe("SIGKILL");
      expect(child.pid).not.toBe(hung.pid);
      expect(await databaseProblem(uri, 1000)).toBeNull();
      expect(await stored(false)).toBe("kept");
      expect(log[0]).toMatch(/stopped answering \(3 checks in a row over 20 s; last: it did not answer within 1000 ms\); restarting it/);
      expect(log[1]).toMatch(/back and answering/);
    } finally {
      await stopProcess(child, 1000);
      removeDir(dataDir);
    }
  });
});
