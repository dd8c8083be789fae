// The job worker process, started beside the web server by `npm start`. Each feature registers its
// queue's processor, concurrency and repeatable jobs in lib/processors.ts; jobs are at-least-once,
// so every processor is idempotent.
import { Worker } from "bullmq";
import { connectDb } from "@/lib/core/db/connect";
import { concurrency, processors, schedules } from "@/lib/processors";
import { jobConnection, queuePrefix } from "./connection";
import { keepSchedules } from "./schedules";

const workers = Object.entries(processors).map(
  ([queue, processor]) => new Worker(queue, processor, { connection: jobConnection(), prefix: queuePrefix(), concurrency: concurrency[queue] ?? 2 }),
);
for (const worker of workers) {
  worker.on("failed", (job, err) => console.error(`[worker] ${worker.name} job ${job?.id} failed: ${err.message}`));
}

let closeSchedules: (() => Promise<void>) | undefined;

connectDb()
  .then(async () => {
    // The schedule ids make every worker's start upsert one schedule each, not one more.
    closeSchedules = await keepSchedules(schedules, { url: jobConnection().url, prefix: queuePrefix() });
  })
  .then(() => console.log(`[worker] ready: ${workers.map((w) => w.name).join(", ")}`))
  .catch((err) => {
    console.error(`[worker] could not start: ${err.message}`);
    process.exit(1);
  });

async function shutdown() {
  await Promise.all([...workers.map((w) => w.close()), closeSchedules?.()]);
  process.exit(0);
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
