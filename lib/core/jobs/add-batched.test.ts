import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { addJobBatched } from "./add-batched";
import { closeSharedQueue, sharedQueue } from "./connection";

process.env.BULLMQ_PREFIX = `test-${randomBytes(4).toString("hex")}`;
const QUEUE = "add-batched-test";
afterAll(() => closeSharedQueue(QUEUE));

describe("addJobBatched", () => {
  it("stores every job of a burst before any caller is answered, and a job id already queued once", async () => {
    const queue = sharedQueue(QUEUE);
    // 250 asked in one turn (more than one batch), 10 of them twice with the same id, as Twilio's retries are.
    const asks = Array.from({ length: 250 }, (_, i) => addJobBatched(QUEUE, "sms", { n: i % 240 }, { jobId: `in-${i % 240}` }).then(() => queue.getJob(`in-${i % 240}`)));
    const seen = await Promise.all(asks);
    // Each caller, once answered, finds its job in Redis.
    expect(seen.every((job) => job !== undefined)).toBe(true);
    expect(await queue.count()).toBe(240);
    expect((await queue.getJob("in-7"))?.data).toEqual({ n: 7 });
    // A later turn starts a batch of its own.
    await addJobBatched(QUEUE, "sms", { n: 999 }, { jobId: "in-999" });
    expect(await queue.count()).toBe(241);
  });
});
