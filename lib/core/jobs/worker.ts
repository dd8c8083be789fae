// The job worker process, started beside the web server by `npm start`. Each processor module
// registers its BullMQ Worker here; jobs are at-least-once, so every processor is idempotent.
import { Queue, Worker } from "bullmq";
import { connectDb } from "@/lib/core/db/connect";
import { jobConnection, queuePrefix } from "./connection";
import { MAINTENANCE_EVERY_MS, MAINTENANCE_QUEUE, SWEEP_EVENTS_EVERY_MS, SWEEP_EVENTS_JOB } from "@/lib/maintenance";
import { processors } from "@/lib/processors";
import { SWEEP_SENDS_EVERY_MS, SWEEP_SENDS_JOB } from "@/lib/communications/send/sweep";
import { SEND_QUEUE } from "@/lib/communications/send/queue";
import { INBOUND_QUEUE } from "@/lib/communications/inbound/inbound-sms";

// Jobs that mostly wait on Twilio and the database run more at a time: the company's pace is
// kept in Redis (send permits) and each text's single send by its attempt claim, not by how many
// jobs run at once.
const CONCURRENCY: Record<string, number> = { [SEND_QUEUE]: 8, [INBOUND_QUEUE]: 8 };

const workers = Object.entries(processors).map(
  ([queue, processor]) => new Worker(queue, processor, { connection: jobConnection(), prefix: queuePrefix(), concurrency: CONCURRENCY[queue] ?? 2 }),
);
for (const worker of workers) {
  worker.on("failed", (job, err) => console.error(`[worker] ${worker.name} job ${job?.id} failed: ${err.message}`));
}

async function scheduleMaintenance() {
  // Housekeeping runs hourly; the scheduler id makes every worker's start upsert one schedule.
  const maintenance = new Queue(MAINTENANCE_QUEUE, { connection: jobConnection(), prefix: queuePrefix() });
  await maintenance.upsertJobScheduler("hourly", { every: MAINTENANCE_EVERY_MS }, { name: "purge-expired" });
  await maintenance.upsertJobScheduler("event-sweep", { every: SWEEP_EVENTS_EVERY_MS }, { name: SWEEP_EVENTS_JOB });
  // Texts whose send job Redis lost: queued again from the database (first run at start).
  await maintenance.upsertJobScheduler("send-sweep", { every: SWEEP_SENDS_EVERY_MS }, { name: SWEEP_SENDS_JOB });
  await maintenance.close();
}

connectDb()
  .then(scheduleMaintenance)
  .then(() => console.log(`[worker] ready: ${workers.map((w) => w.name).join(", ")}`))
  .catch((err) => {
    console.error(`[worker] could not start: ${err.message}`);
    process.exit(1);
  });

async function shutdown() {
  await Promise.all(workers.map((w) => w.close()));
  process.exit(0);
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
