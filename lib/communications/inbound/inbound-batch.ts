import "server-only";

type Waiting<T, R> = { item: T; resolve: (r: R) => void; reject: (err: unknown) => void };

/**
 * Gathers the items of jobs a worker runs at the same time into one call of `store`. A batch is
 * flushed when `maxBatch` items wait, when none has joined for `idleMs` (the worker has taken what
 * was queued), or `maxWaitMs` after the first (a steady trickle is not held back). Each job still settles with
 * its own item's outcome, so BullMQ's at-least-once delivery is unchanged: a job completes only
 * once its item is stored. When a batch fails, each item is tried alone, so one bad item fails
 * only its own job (and retries), never its neighbours'.
 */
export function inboundBatcher<T, R>(store: (items: T[]) => Promise<R[]>, { maxBatch, idleMs, maxWaitMs }: { maxBatch: number; idleMs: number; maxWaitMs: number }) {
  let waiting: Waiting<T, R>[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstAt = 0;

  function flush() {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = waiting;
    waiting = [];
    store(batch.map((w) => w.item)).then(
      (outcomes) => batch.forEach((w, i) => w.resolve(outcomes[i])),
      (err) => {
        if (batch.length === 1) return batch[0].reject(err);
        for (const w of batch) store([w.item]).then(([outcome]) => w.resolve(outcome), w.reject);
      },
    );
  }

  return (item: T): Promise<R> =>
    new Promise<R>((resolve, reject) => {
      if (!waiting.length) firstAt = Date.now();
      waiting.push({ item, resolve, reject });
      if (waiting.length >= maxBatch) return flush();
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, Math.max(0, Math.min(idleMs, firstAt + maxWaitMs - Date.now())));
    });
}
