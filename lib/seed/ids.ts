import { Types } from "mongoose";
import { hashSeed } from "./random";

/**
 * Deterministic ObjectIds: the creation second (so `_id` order follows `created_at`, as it would
 * for documents written live), five bytes naming the tenant and collection, and a counter.
 */
export type IdFactory = (createdAt: Date) => Types.ObjectId;

export function idFactory(namespace: string): IdFactory {
  const a = hashSeed(namespace, "a");
  const b = hashSeed(namespace, "b");
  let counter = 0;
  return (createdAt) => {
    const bytes = Buffer.alloc(12);
    bytes.writeUInt32BE(Math.floor(createdAt.getTime() / 1000) >>> 0, 0);
    bytes.writeUInt32BE(a, 4);
    bytes.writeUInt8(b & 0xff, 8);
    bytes.writeUIntBE(counter++ & 0xffffff, 9, 3);
    return new Types.ObjectId(bytes);
  };
}
