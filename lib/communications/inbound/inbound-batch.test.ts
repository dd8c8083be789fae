import { afterEach, describe, expect, it, vi } from "vitest";
import { inboundBatcher } from "./inbound-batch";

afterEach(() => {
  vi.useRealTimers();
});

describe("inboundBatcher", () => {
  it("stores the items waiting together in one call and answers each with its own outcome", async () => {
    const calls: number[][] = [];
    const add = inboundBatcher(async (items: number[]) => (calls.push(items), items.map((n) => n * 10)), { maxBatch: 3, idleMs: 5, maxWaitMs: 50 });
    expect(await Promise.all([add(1), add(2), add(3), add(4)])).toEqual([10, 20, 30, 40]);
    expect(calls).toEqual([[1, 2, 3], [4]]);
  });

  it("flushes when no item joined for idleMs, and a steady trickle at maxWaitMs after its first item", async () => {
    vi.useFakeTimers();
    const calls: number[][] = [];
    const add = inboundBatcher(async (items: number[]) => (calls.push(items), items), { maxBatch: 100, idleMs: 5, maxWaitMs: 12 });
    const done: Promise<number>[] = [];
    for (let i = 1; i <= 6; i++) {
      done.push(add(i));
      await vi.advanceTimersByTimeAsync(4);
    }
    await vi.advanceTimersByTimeAsync(10);
    await Promise.all(done);
    expect(calls).toEqual([[1, 2, 3], [4, 5, 6]]);
    done.push(add(7));
    await vi.advanceTimersByTimeAsync(5);
    await Promise.all(done);
    expect(calls).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it("when a batch fails, tries each item alone: only the bad item's job fails", async () => {
    const add = inboundBatcher(
      async (items: number[]) => {
        if (items.includes(2)) throw new Error(`bad item in ${items.join(",")}`);
        return items.map((n) => n * 10);
      },
      { maxBatch: 10, idleMs: 5, maxWaitMs: 50 },
    );
    const settled = await Promise.allSettled([add(1), add(2), add(3)]);
    expect(settled.map((s) => (s.status === "fulfilled" ? s.value : (s.reason as Error).message))).toEqual([10, "bad item in 2", 30]);
  });
});
