// Inbound-SMS webhook benchmark: `npm run bench:webhooks [-- --seconds 60 --rate 200]`.
// 1. Throughput of POST /api/webhooks/twilio/sms against a bare route handler that only answers
//    "<Response/>", both served the same way (one Node HTTP server handing Requests to the route
//    handlers, as Next does), same process, same run, 20 concurrent clients, alternating.
// 2. A steady `rate` signed inbound texts per second for `seconds` (5% of them repeated, as Twilio
//    retries), then the inbound jobs are drained by a worker (a deadline of a minute plus
//    `--drain-ms-per-job` per job, 150 by default), and the stored texts counted by SID:
//    0 errors, 0 lost, 0 stored twice. Prints the machine's load average beside the numbers.
// Runs on its own throwaway FerretDB, the machine's Redis and the local Twilio (which signs).
import { Worker } from "bullmq";
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { connectDb, disconnectDb } from "@/lib/core/db/connect";
import { ensureIndexes } from "@/lib/migrations/run-migrations";
import { jobConnection, queuePrefix, sharedQueue } from "@/lib/core/jobs/connection";
import { INBOUND_CONCURRENCY, INBOUND_QUEUE, processInboundJob } from "@/lib/communications/inbound/inbound-sms";
import { addTenantPhoneNumber, setTwilioAccount } from "@/lib/providers/twilio/twilio-account";
import { startRouteServer } from "@/lib/testing/route-server";
import { createTenant } from "@/lib/testing/factories";
import { Communication } from "@/models/communication";
import { POST as smsRoute } from "@/app/api/webhooks/twilio/sms/route";
import { startThrowawayFerretDB } from "../lib/throwaway-database.mjs";
import { startLocalTwilio, twilioSignature } from "../lib/local-twilio.mjs";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg("seconds", 60);
const RATE = arg("rate", 200);
const THROUGHPUT_SECONDS = arg("throughput-seconds", 10);
/** The drain deadline: a minute plus this much per queued job (about 7 per second on a loaded 2-CPU machine). */
const DRAIN_MS_PER_JOB = arg("drain-ms-per-job", 150);

process.env.APP_SECRET_KEY ??= randomBytes(24).toString("hex");
process.env.BULLMQ_PREFIX = `bench-webhooks-${Date.now()}`;

async function main() {
  const t0 = Date.now();
  const log = (m: string) => console.error(`[bench ${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${m}`);
  log("starting the throwaway database");
  const db = await startThrowawayFerretDB();
  log(`database at ${db.uri}`);
  const twilio = await startLocalTwilio();
  process.env.TWILIO_API_BASE = twilio.url;
  process.env.MONGODB_URI = `${db.uri}/bench_webhooks`;
  await connectDb(process.env.MONGODB_URI);
  await ensureIndexes();
  const { ctx } = await createTenant(`bench${Date.now().toString(36)}`);
  const account = twilio.addAccount({});
  const number = "+12145550199";
  await setTwilioAccount(ctx, { accountSid: account.sid, authToken: account.token });
  await addTenantPhoneNumber(ctx, number);
  log("company ready");
  const bare = async () => new Response("<Response/>", { headers: { "Content-Type": "text/xml; charset=utf-8" } });
  const server = await startRouteServer({ "/bare": bare, "/api/webhooks/twilio/sms": smsRoute });
  const smsUrl = `${server.url}/api/webhooks/twilio/sms`;
  const senders = Array.from({ length: 50 }, (_, i) => `+1972555${String(1000 + i)}`);

  const inbound = (sid = `SM${randomBytes(16).toString("hex")}`) => {
    const params = { AccountSid: account.sid, MessageSid: sid, SmsSid: sid, From: senders[Math.floor(Math.random() * senders.length)], To: number, Body: "Is the house still for sale?", NumMedia: "0" };
    return { sid, init: { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": twilioSignature(account.token, smsUrl, params) }, body: new URLSearchParams(params).toString() } };
  };

  async function throughput(url: string, make: () => RequestInit, seconds: number) {
    const end = Date.now() + seconds * 1000;
    let done = 0;
    let errors = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (Date.now() < end) {
          const res = await fetch(url, make());
          await res.arrayBuffer();
          if (res.status === 200) done += 1;
          else errors += 1;
        }
      }),
    );
    return { rps: done / seconds, errors };
  }

  // Warm both paths (module caches, the verifier's company cache), then alternate halves.
  await throughput(`${server.url}/bare`, () => ({ method: "POST", body: "x=1" }), 1);
  await throughput(smsUrl, () => inbound().init, 1);
  const half = THROUGHPUT_SECONDS / 2;
  const b1 = await throughput(`${server.url}/bare`, () => ({ method: "POST", body: "x=1" }), half);
  const w1 = await throughput(smsUrl, () => inbound().init, half);
  const b2 = await throughput(`${server.url}/bare`, () => ({ method: "POST", body: "x=1" }), half);
  const w2 = await throughput(smsUrl, () => inbound().init, half);
  const bareRps = (b1.rps + b2.rps) / 2;
  const webhookRps = (w1.rps + w2.rps) / 2;
  // Clear what the throughput phase queued, so the steady phase counts only its own.
  await sharedQueue(INBOUND_QUEUE).obliterate({ force: true });

  log(`throughput: bare ${Math.round(bareRps)}/s, webhook ${Math.round(webhookRps)}/s`);
  // Steady load: RATE per second for SECONDS, every 20th text sent twice (Twilio's retries).
  const sids: string[] = [];
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const started = Date.now();
  const inflight: Promise<void>[] = [];
  for (let s = 0; s < SECONDS; s += 1) {
    for (let i = 0; i < RATE; i += 1) {
      const due = started + s * 1000 + (i * 1000) / RATE;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const msg = inbound();
      sids.push(msg.sid);
      const copies = (s * RATE + i) % 20 === 0 ? 2 : 1;
      for (let c = 0; c < copies; c += 1) {
        sent += 1;
        const t = performance.now();
        inflight.push(fetch(smsUrl, msg.init).then(async (res) => {
          await res.arrayBuffer();
          latencies.push(performance.now() - t);
          if (res.status !== 200) errors += 1;
        }, () => void (errors += 1)));
      }
    }
  }
  const sendingSeconds = (Date.now() - started) / 1000;
  await Promise.all(inflight);
  const steadySeconds = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0);

  // Drain the inbound jobs with a worker, with a deadline proportional to the work (a loaded
  // machine drains slowly; a stuck one must not hang the run), then count what was stored.
  const queue = sharedQueue(INBOUND_QUEUE);
  const pendingJobs = async () => {
    const c = await queue.getJobCounts("waiting", "active", "delayed", "prioritized", "waiting-children");
    return Object.values(c).reduce((a, b) => a + b, 0);
  };
  const queued = await pendingJobs();
  const drainDeadlineMs = 60_000 + queued * DRAIN_MS_PER_JOB;
  log(`sent ${sent} requests in ${sendingSeconds.toFixed(1)} s (answers in by ${steadySeconds.toFixed(1)} s); draining ${queued} jobs (deadline ${Math.round(drainDeadlineMs / 1000)} s)`);
  const worker = new Worker(INBOUND_QUEUE, processInboundJob, { connection: jobConnection(), prefix: queuePrefix(), concurrency: INBOUND_CONCURRENCY });
  const drainStart = Date.now();
  let left = queued;
  let lastReport = Date.now();
  while ((left = await pendingJobs()) > 0 && Date.now() - drainStart < drainDeadlineMs) {
    if (Date.now() - lastReport > 15_000) {
      log(`  ${left} jobs left after ${Math.round((Date.now() - drainStart) / 1000)} s`);
      lastReport = Date.now();
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const drainSeconds = (Date.now() - drainStart) / 1000;
  await worker.close();
  // Count by SID, in memory: every inbound text of the company (one query), against what was sent.
  const wanted = new Set(sids);
  const perSid = new Map<string, number>();
  for await (const c of Communication.find({ tenant_id: ctx.tenantId, direction: "inbound" }, { twilio_sid: 1 }).lean().cursor()) {
    if (c.twilio_sid && wanted.has(c.twilio_sid)) perSid.set(c.twilio_sid, (perSid.get(c.twilio_sid) ?? 0) + 1);
  }
  const stored = [...perSid.values()].reduce((a, b) => a + b, 0);
  const failedJobs = (await queue.getJobCounts("failed")).failed;

  console.log(JSON.stringify({
    load: loadavg().map((l) => Math.round(l * 100) / 100),
    throughput: { bareRps: Math.round(bareRps), webhookRps: Math.round(webhookRps), ratio: Math.round((webhookRps / bareRps) * 100) / 100, errors: b1.errors + b2.errors + w1.errors + w2.errors },
    steady: {
      rate: RATE, seconds: SECONDS, sendingSeconds: Math.round(sendingSeconds * 10) / 10, tookSeconds: Math.round(steadySeconds * 10) / 10,
      achievedRate: Math.round(sent / sendingSeconds), requests: sent, uniqueTexts: sids.length, httpErrors: errors,
      latencyMs: { p50: pct(50), p95: pct(95), p99: pct(99), max: Math.round(latencies.at(-1) ?? 0) },
      drained: left === 0, jobsLeft: left, drainSeconds: Math.round(drainSeconds * 10) / 10,
      // Lost is known only once every job ran; before that, the texts not stored yet are still queued.
      stored, distinctStored: perSid.size, ...(left === 0 ? { lost: sids.length - perSid.size } : { notStoredYet: sids.length - perSid.size }), storedTwice: stored - perSid.size, failedJobs,
    },
  }, null, 2));
  if (left > 0) log(`the drain did not finish within its deadline: ${left} jobs left, so lost is not known (notStoredYet counts the texts still queued)`);

  await queue.obliterate({ force: true });
  await server.close();
  await twilio.close();
  await disconnectDb();
  await db.stop();
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
