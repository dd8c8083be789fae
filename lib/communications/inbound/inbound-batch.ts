import "server-only";

type Waiting<T, R> = { item: T; resolve: (r: R) => void; reject: (err: unknown) => void };

/**
 * Gathers the items of jobs a worker runs at the same time into one call of `store` (a batch is
 * flushed when `maxBatch` items wait, or `windowMs` after the first). Each job still settles with
 * its own item's outcome, so BullMQ's at-least-once delivery is unchanged: a job completes only
 * once its item is stored. When a batch fails, each item is tried alone, so one bad item fails
 * only its own job (and retries), never its neighbours'.
 */
export function inboundBatcher<T, R>(store: (items: T[]) => Promise<R[]>, { maxBatch, windowMs }: { maxBatch: number; windowMs: number }) {
  let waiting: Waiting<T, R>[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

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
      waiting.push({ item, resolve, reject });
      if (waiting.length >= maxBatch) flush();
      else timer ??= setTimeout(flush, windowMs);
    });
}
