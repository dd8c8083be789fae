// Watches the embedded database while `npm start` runs. FerretDB can stop answering without
// exiting (FerretDB 1.24 on PostgreSQL once held its whole connection pool after one large
// write: every page of every company hung until a restart), so a live process and an open port
// prove nothing: the watchdog asks it a question every few seconds and, after several unanswered
// ones in a row, restarts it on the same port and data and says so.
import { step } from "./proc.mjs";

/** Why the database at `uri` did not answer a ping and a small read within timeoutMs; null when it did. */
export async function databaseProblem(uri, timeoutMs) {
  const { MongoClient } = await import("mongodb");
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    socketTimeoutMS: timeoutMs,
    maxPoolSize: 1,
  });
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`it did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const answered = (async () => {
      await client.connect();
      const db = client.db();
      await db.command({ ping: 1 });
      await db.collection("schema_versions").findOne({}, { projection: { _id: 1 } });
    })();
    answered.catch(() => {});
    await Promise.race([answered, deadline]);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    clearTimeout(timer);
    // Not awaited: closing waits for an operation the server never answers.
    client.close().catch(() => {});
  }
}

/**
 * The watchdog's decisions, one `check()` at a time: `probe()` resolves with a problem or null,
 * `restart()` brings the server back. Returns what the check found: "ok", "failing" (not yet
 * restarted), "restarted" or "restart-failed".
 */
export function createWatchdog({ probe, restart, failuresBeforeRestart = 3, intervalMs = 10_000, log = step }) {
  let failures = 0;
  return {
    async check() {
      const problem = await probe();
      if (!problem) {
        failures = 0;
        return "ok";
      }
      failures += 1;
      if (failures < failuresBeforeRestart) return "failing";
      const over = ((failures - 1) * intervalMs) / 1000;
      log(`The embedded database stopped answering (${failures} checks in a row over ${over} s; last: ${problem}); restarting it`);
      const started = performance.now();
      try {
        await restart();
      } catch (err) {
        log(`Restarting the embedded database failed: ${err instanceof Error ? err.message : err}. Trying again at the next check.`);
        return "restart-failed";
      }
      const back = await probe();
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      if (back) {
        log(`The embedded database was restarted in ${seconds} s but does not answer yet (${back}).`);
        return "restart-failed";
      }
      failures = 0;
      log(`The embedded database is back and answering (restarted in ${seconds} s)`);
      return "restarted";
    },
  };
}

/** Checks the embedded database at `uri` every intervalMs until the returned stop() is called. */
export function watchEmbeddedDatabase({ uri, restart, intervalMs = 10_000, timeoutMs = 3000, failuresBeforeRestart = 3 }) {
  const watchdog = createWatchdog({ probe: () => databaseProblem(uri, timeoutMs), restart, failuresBeforeRestart, intervalMs });
  let timer;
  let stopped = false;
  const loop = async () => {
    await watchdog.check().catch(() => {});
    if (!stopped) timer = setTimeout(loop, intervalMs).unref();
  };
  timer = setTimeout(loop, intervalMs).unref();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
