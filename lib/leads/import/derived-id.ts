import { createHash } from "node:crypto";
import { Types } from "mongoose";

/**
 * An ObjectId that is always the same for the same parts (an import's row, a file piece): writing
 * it twice is a duplicate-key error instead of a second document. That is what makes a retried
 * import batch idempotent without transactions. The first 4 bytes are a timestamp, as in any
 * ObjectId, so ids still sort roughly by time.
 */
export function derivedObjectId(at: Date, ...parts: (string | number)[]): Types.ObjectId {
  const hash = createHash("sha256").update(parts.join("\u0000")).digest();
  const bytes = Buffer.alloc(12);
  bytes.writeUInt32BE(Math.floor(at.getTime() / 1000) >>> 0, 0);
  hash.copy(bytes, 4, 0, 8);
  return new Types.ObjectId(bytes);
}

/** insertMany that treats "already there" (a retry) as done: its result, or null when some were already there; any other error is thrown. */
export async function insertIgnoringDuplicates<T>(insert: () => Promise<T>): Promise<T | null> {
  try {
    return await insert();
  } catch (err) {
    const e = err as { code?: number; writeErrors?: { code?: number; err?: { code?: number } }[] };
    const codes = e.writeErrors?.length ? e.writeErrors.map((w) => w.code ?? w.err?.code) : [e.code];
    if (!codes.every((c) => c === 11000)) throw err;
    return null;
  }
}
