// The job worker process, started beside the web server by `npm start`. Each processor module
// registers its BullMQ Worker here; jobs are at-least-once, so every processor is idempotent.
import { Worker } from "bullmq";
import { jobConnection, queuePrefix } from "./connection";
import { processors } from "./processors";

const workers = Object.entries(processors).map(
  ([queue, processor]) => new Worker(queue, processor, { connection: jobConnection(), prefix: queuePrefix(), concurrency: 2 }),
);
for (const worker of workers) {
  worker.on("failed", (job, err) => console.error(`[worker] ${worker.name} job ${job?.id} failed: ${err.message}`));
}
console.log(`[worker] ready: ${workers.map((w) => w.name).join(", ") || "no queues yet"}`);

async function shutdown() {
  await Promise.all(workers.map((w) => w.close()));
  process.exit(0);
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
