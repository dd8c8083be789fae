// Sending under faults: `npm run bench:send-fault [-- --texts 1000 --kill-at 0.4 --rate 100000]`.
// A bulk text to `texts` leads runs in a real worker (a child process, `lib/core/jobs/worker.ts`, as
// `npm start` runs it) against a throwaway FerretDB (on the machine's PostgreSQL), a Redis of its
// own and the local Twilio. When `kill-at` of the texts have reached Twilio, the worker is killed
// with SIGKILL, Redis is killed and started again (it keeps nothing on disk: every BullMQ job,
// the bulk's progress and the pacing counters are gone), FerretDB is killed and started again
// (its data, in PostgreSQL, stays), and a new worker is started. Then it waits for the send to
// settle and checks against the local Twilio's own record of messages: every text sent exactly
// once or reported (skipped or failed with a reason the sender sees), none twice, none lost.
// Among the leads, some are tagged dnc (skipped by the gate), some numbers replied STOP at Twilio
// only (refused with 21610: failed, in words), and Twilio cuts the connection after creating a
// few messages (a crash between Twilio's answer and our save: the retry must adopt, not resend).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, openSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { Types } from "mongoose";
import { connectDb, disconnectDb } from "@/lib/core/db/connect";
import { ensureIndexes } from "@/lib/migrations/run-migrations";
import { scoped } from "@/lib/core/db/scoped";
import { closeSharedQueue, sharedQueue } from "@/lib/core/jobs/connection";
import { SEND_QUEUE } from "@/lib/communications/send/queue";
import { BULK_TEXT_QUEUE, getBulkTextSummary, startBulkText } from "@/lib/communications/bulk/bulk-text";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { addTenantPhoneNumber, setTwilioAccount } from "@/lib/providers/twilio/twilio-account";
import { getRedis } from "@/lib/core/redis";
import { BulkText } from "@/models/bulk-text";
import { Communication } from "@/models/communication";
import { Lead } from "@/models/lead";
import { freePort, waitFor } from "../lib/proc.mjs";
import { removeDir, startFerretDB } from "../lib/services.mjs";
import { startLocalTwilio } from "../lib/local-twilio.mjs";
import { createFreshDatabase, dropDatabase, postgresUrl } from "./lib/postgres";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const TEXTS = arg("texts", 1000);
const KILL_AT = arg("kill-at", 0.4);
const RATE = arg("rate", 100_000);
const SETTLE_TIMEOUT_MS = arg("settle-seconds", 300) * 1000;
const DNC = Math.max(1, Math.round(TEXTS / 100));
const STOPPED = Math.max(1, Math.round(TEXTS / 100));
const CUT_AFTER_CREATE = 3;
// Wednesday noon in Texas: inside every window the gate applies (the worker's clock starts there).
const CLOCK_START = "2026-12-09T18:00:00Z";

type LocalTwilioState = {
  messages: Map<string, { sid: string; accountSid: string; to: string; body: string }>;
  behaviour: Map<string, Record<string, unknown>>;
  optOuts: Set<string>;
};

/** Stored, not refused, and without a Twilio SID yet ("queued" with a SID is Twilio's own status). */
const UNSENT = { source: "bulk", status: { $in: ["queued", "scheduled"] }, twilio_sid: { $exists: false } };

const t0 = Date.now();
const log = (m: string) => console.error(`[send-fault ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn("redis-server", ["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  const redis = `redis://127.0.0.1:${port}`;
  const { connect } = await import("node:net");
  const answers = () =>
    new Promise<boolean>((resolve) => {
      const s = connect({ host: "127.0.0.1", port });
      s.once("connect", () => s.write("PING\r\n"));
      s.once("data", (d) => (s.destroy(), resolve(d.toString().startsWith("+PONG"))));
      s.once("error", () => resolve(false));
    });
  if (!(await waitFor(answers, { timeoutMs: 10_000 }))) throw new Error(`redis-server did not answer at ${redis}`);
  return child;
}

async function kill(child: ChildProcess, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill(signal);
  await exited;
}

async function main() {
  process.env.APP_SECRET_KEY ??= randomBytes(24).toString("hex");
  process.env.BULLMQ_PREFIX = `send-fault-${process.pid}`;
  const pgDatabase = `send_fault_${process.pid}`;
  const dataDir = mkdtempSync(join(tmpdir(), "dealcycle-send-fault-"));
  const dbPort = await freePort();
  const redisPort = await freePort();
  await createFreshDatabase(pgDatabase);
  const ferret = () => startFerretDB({ dataDir, port: dbPort, backend: "postgresql", postgresqlUrl: postgresUrl(pgDatabase), logFile: join(dataDir, "ferretdb.log") });
  let db = (await ferret()).child;
  let redisServer = await startRedis(redisPort);
  const twilio = await startLocalTwilio({});
  const twilioState = twilio.state as LocalTwilioState;
  let worker: ChildProcess | null = null;
  const cleanup = async () => {
    if (worker) await kill(worker, "SIGKILL");
    await kill(redisServer);
    await kill(db, "SIGTERM");
    await twilio.close();
    removeDir(dataDir);
    await dropDatabase(pgDatabase);
  };
  cleanupOnError = cleanup;
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void cleanup().finally(() => process.exit(130)));

  process.env.MONGODB_URI = `mongodb://127.0.0.1:${dbPort}/send_fault`;
  process.env.REDIS_URL = `redis://127.0.0.1:${redisPort}`;
  process.env.TWILIO_API_BASE = twilio.url;
  await connectDb(process.env.MONGODB_URI);
  await ensureIndexes();
  // Redis is killed on purpose below: its client reconnects; the refusals meanwhile are expected.
  getRedis().on("error", () => undefined);

  const ws = await createWorkspace();
  const account = twilio.addAccount({});
  // No app server answers callbacks here: statuses stay as Twilio's create answered them.
  twilioState.behaviour.set(account.sid, { progress: "manual", dropAfterCreate: CUT_AFTER_CREATE });
  await setTwilioAccount(ws.admin, { accountSid: account.sid, authToken: account.token });
  await addTenantPhoneNumber(ws.admin, "+12145550100");
  const phone = (i: number) => `+1214${String(2_000_000 + i).padStart(7, "0")}`;
  const leads = Array.from({ length: TEXTS }, (_, i) => ({
    _id: new Types.ObjectId(),
    name: `Seller${i} Test`,
    phone: phone(i),
    status: "new",
    address: { street: `${i} Elm St`, city: "Dallas", state: "TX", zip_code: "75201" },
    ...(i < DNC ? { tags: ["dnc"] } : {}),
  }));
  for (let i = 0; i < leads.length; i += 500) await scoped(ws.admin, Lead).insertMany(leads.slice(i, i + 500));
  for (let i = DNC; i < DNC + STOPPED; i += 1) twilioState.optOuts.add(`*|${account.sid}|${phone(i)}`);
  log(`${TEXTS} leads (${DNC} tagged dnc, ${STOPPED} replied STOP at Twilio); Twilio cuts the connection after the first ${CUT_AFTER_CREATE} creates`);

  const workerEnv = {
    ...process.env,
    NODE_ENV: "test" as const,
    OUTREACH_CLOCK_START: CLOCK_START,
    SMS_RATE_PER_MINUTE: String(RATE),
    TWILIO_WEBHOOK_BASE: "http://127.0.0.1:9",
  };
  const workerLog = join(tmpdir(), `dealcycle-send-fault-worker-${process.pid}.log`);
  log(`the workers' output goes to ${workerLog}`);
  const startWorker = (): ChildProcess => {
    const out = openSync(workerLog, "a");
    return spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/core/jobs/worker.ts"], { env: workerEnv, stdio: ["ignore", out, out] });
  };

  const started = await startBulkText(ws.admin, { target: { mode: "all", query: "" }, body: "Hi {{first_name}}, {{rep_name}} here about {{property_address}}. Reply STOP to opt out." });
  await closeSharedQueue(BULK_TEXT_QUEUE);
  log(`bulk ${started.bulkId} queued for ${started.total} leads; starting the worker (SMS_RATE_PER_MINUTE=${RATE})`);
  worker = startWorker();
  const killAt = Math.round(TEXTS * KILL_AT);
  while (twilioState.messages.size < killAt) {
    if (worker.exitCode !== null) throw new Error("the worker exited before the fault");
    await sleep(20);
  }
  await kill(worker, "SIGKILL");
  const atKill = {
    twilioMessages: twilioState.messages.size,
    communications: await scoped(ws.admin, Communication).countDocuments({ source: "bulk" }),
    unsent: await scoped(ws.admin, Communication).countDocuments(UNSENT),
  };
  log(`worker killed (SIGKILL) with ${atKill.twilioMessages} texts at Twilio, ${atKill.communications} communications stored, ${atKill.unsent} of them not yet at Twilio`);

  await kill(redisServer);
  redisServer = await startRedis(redisPort);
  log("Redis killed and started again (empty: no BullMQ job, no bulk progress, no pacing counters)");
  await kill(db);
  db = (await ferret()).child;
  log("FerretDB killed and started again (data in PostgreSQL kept)");

  const restartedAt = Date.now();
  worker = startWorker();
  log("a new worker started; waiting for the send to settle");
  const comms = scoped(ws.admin, Communication);
  let settled = false;
  while (Date.now() - restartedAt < SETTLE_TIMEOUT_MS) {
    const bulk = await scoped(ws.admin, BulkText).findOne({ bulk_id: started.bulkId }, { finished_at: 1, failed_at: 1 }).lean();
    const pending = await comms.countDocuments(UNSENT);
    if ((bulk?.finished_at || bulk?.failed_at) && pending === 0) {
      settled = true;
      break;
    }
    await sleep(1000);
  }
  const settleSeconds = (Date.now() - restartedAt) / 1000;
  log(settled ? `settled ${settleSeconds.toFixed(1)} s after the restart` : `NOT settled after ${settleSeconds.toFixed(0)} s`);
  await kill(worker, "SIGTERM");
  worker = null;

  // The check: the local Twilio's record against what the company's sender sees.
  const summary = await getBulkTextSummary(ws.admin, started.bulkId);
  const stored = await comms.find({ source: "bulk" }, { recipient_id: 1, to_number: 1, twilio_sid: 1, status: 1, error_message: 1, intent_key: 1 }).lean();
  const atTwilio = [...twilioState.messages.values()].filter((m) => m.accountSid === account.sid);
  const perNumber = new Map<string, number>();
  for (const m of atTwilio) perNumber.set(m.to, (perNumber.get(m.to) ?? 0) + 1);
  const storedSids = new Set(stored.map((c) => c.twilio_sid).filter(Boolean));
  const twilioSids = new Set(atTwilio.map((m) => m.sid));
  const byLead = new Map(stored.map((c) => [String(c.recipient_id), c]));
  // A lead the bulk did not text is reported in its stored summary, with the reason.
  const notSent = new Map((summary.notSent ?? []).map((o) => [o.leadId, o]));
  const sendQueue = sharedQueue(SEND_QUEUE);
  let sentOnce = 0;
  let failedReported = 0;
  let skippedReported = 0;
  let lost = 0;
  const lostExamples: string[] = [];
  for (const lead of leads) {
    const c = byLead.get(String(lead._id));
    const outcome = notSent.get(String(lead._id)) ?? null;
    if (c?.twilio_sid && twilioSids.has(c.twilio_sid) && perNumber.get(lead.phone) === 1) sentOnce += 1;
    else if (c?.status === "failed" && c.error_message) failedReported += 1;
    else if (!c && outcome?.kind === "skipped" && outcome.reason) skippedReported += 1;
    else {
      lost += 1;
      if (lostExamples.length < 5) {
        const job = c ? await sendQueue.getJob(`send-${String(c._id)}-0`) : null;
        const jobState = job ? `job ${await job.getState()} after ${job.attemptsMade} attempts${job.failedReason ? `: ${job.failedReason}` : ""}` : "no job";
        lostExamples.push(`${lead.phone}: ${c ? `${c.status} sid=${c.twilio_sid ?? "-"} (${jobState})` : `no communication, outcome ${JSON.stringify(outcome)}`}`);
      }
    }
  }
  const result = {
    command: `npm run bench:send-fault -- --texts ${TEXTS} --kill-at ${KILL_AT} --rate ${RATE}`,
    load: loadavg().map((l) => Math.round(l * 100) / 100),
    leads: TEXTS,
    atKill,
    settled,
    settleSecondsAfterRestart: Math.round(settleSeconds * 10) / 10,
    twilioMessages: atTwilio.length,
    sentExactlyOnce: sentOnce,
    reportedFailed: failedReported,
    reportedSkipped: skippedReported,
    sentTwice: [...perNumber.values()].filter((n) => n > 1).length,
    sentButNotStored: [...twilioSids].filter((s) => !storedSids.has(s)).length,
    lost,
    lostExamples,
    summary: { total: summary.total, done: summary.done, finished: summary.finished, counts: summary.counts, reasons: summary.reasons, notSent: summary.notSent?.length },
    failedReasons: [...new Set(stored.filter((c) => c.status === "failed").map((c) => c.error_message))],
  };
  console.log(JSON.stringify(result, null, 2));
  const ok = settled && result.sentTwice === 0 && result.lost === 0 && result.sentButNotStored === 0 && sentOnce + failedReported + skippedReported === TEXTS;
  log(ok ? "OK: every text sent exactly once or reported" : "FAILED: see the counts above");

  await sendQueue.close();
  await getRedis().quit().catch(() => undefined);
  await disconnectDb();
  await cleanup();
  process.exit(ok ? 0 : 1);
}

let cleanupOnError: (() => Promise<void>) | null = null;

main().catch(async (err) => {
  console.error(err);
  await cleanupOnError?.().catch(() => undefined);
  process.exit(1);
});
