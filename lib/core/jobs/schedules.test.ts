import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { schedules } from "@/lib/processors";
import { startRedisServer, type RedisServer } from "@/lib/testing/redis-server";
import { keepSchedules } from "./schedules";

const PREFIX = "schedules-test";
const expected = schedules.map((s) => ({ queue: s.queue, id: s.id, every: s.every, job: s.job })).sort((a, b) => a.id.localeCompare(b.id));

let redis: RedisServer;
let probes: Queue[] = [];

/** The schedules Redis holds now, read through BullMQ as a worker would. */
async function scheduled() {
  const found = [];
  for (const queue of probes) {
    for (const s of await queue.getJobSchedulers()) found.push({ queue: queue.name, id: s.key, every: Number(s.every), job: s.name });
  }
  return found.sort((a, b) => a.id.localeCompare(b.id));
}

beforeAll(async () => {
  redis = await startRedisServer();
  probes = [...new Set(schedules.map((s) => s.queue))].map((name) => new Queue(name, { connection: { url: redis.url, maxRetriesPerRequest: null }, prefix: PREFIX }));
});

afterAll(async () => {
  await Promise.all(probes.map((q) => q.close()));
  await redis?.stop();
});

describe("the worker's repeatable jobs", () => {
  it("are in Redis once the worker has started: maintenance hourly, the event sweep and the send sweep", async () => {
    const close = await keepSchedules(schedules, { url: redis.url, prefix: PREFIX });
    try {
      expect(expected.map((s) => s.id)).toEqual(["event-sweep", "hourly", "send-sweep"]);
      expect(await scheduled()).toEqual(expected);
    } finally {
      await close();
    }
  });

  it("come back when Redis restarts empty while the worker runs", async () => {
    const close = await keepSchedules(schedules, { url: redis.url, prefix: PREFIX });
    try {
      await redis.restart();
      // The worker reconnects on its own; the schedules are upserted again on that reconnection.
      await vi.waitFor(async () => expect(await scheduled()).toEqual(expected), { timeout: 20_000, interval: 100 });
    } finally {
      await close();
    }
  });
});
