// Compare-and-set writes of a derived document (an inbox row, a contact's counters): each write
// names the version it read and bumps it, so a writer that read before another wrote changes
// nothing and reads again, whatever a lock's timing did.

/** How often a writer reads again after losing to another before it gives up (or recomputes). */
export const WRITE_TRIES = 4;

/** Awaited by a writer between its reading and its write (tests stall a writer there). */
export type WriteOptions = { beforeWrite?: () => Promise<void> };

/** The filter under which a write applies only if the version at `path` is still `read` (none: written before versions). */
export const atVersion = (path: string, read: number | null | undefined) => ({ [path]: typeof read === "number" ? read : { $exists: false } });

/** The version a write after reading `read` stores. */
export const nextVersion = (read: number | null | undefined) => (typeof read === "number" ? read : 0) + 1;

/** Runs `once` until it wins a write (an answer other than null or false), at most WRITE_TRIES times; null when every try lost. */
export async function untilWritten<T>(once: () => Promise<T | null | false>): Promise<T | null> {
  for (let attempt = 0; attempt < WRITE_TRIES; attempt++) {
    const written = await once();
    if (written !== null && written !== false) return written;
  }
  return null;
}
