import { randomBytes } from "node:crypto";
import type mongoose from "mongoose";
import { getRedis, redisKeyPrefix } from "@/lib/core/redis";

// FerretDB applies an update by reading the document, changing it in its own process and writing
// the whole document back, with nothing in between to stop another update of the same document:
// two concurrent updates of different fields lose one of them (a bulk status change racing a
// rename kept only one, measured on 1.24.2). MongoDB updates one document atomically. So on
// FerretDB the data layer takes a short lock per document (in Redis, all of a write's documents
// at once or none, so two writers can never wait on each other) around every update.

const LOCK_MS = 15_000;
const WAIT_MS = 15_000;

const ACQUIRE = `
for i = 1, #KEYS do if redis.call('EXISTS', KEYS[i]) == 1 then return 0 end end
for i = 1, #KEYS do redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[2]) end
return 1
`;
const RELEASE = `
for i = 1, #KEYS do if redis.call('GET', KEYS[i]) == ARGV[1] then redis.call('DEL', KEYS[i]) end end
return 1
`;

const serverKinds = new WeakMap<object, Promise<boolean>>();

/** Whether the model's connection talks to FerretDB (asked once per connection). */
function onFerretDB(model: mongoose.Model<any>): Promise<boolean> {
  const conn = model.db;
  if (process.env.DOCUMENT_LOCKS === "off") return Promise.resolve(false);
  if (process.env.DOCUMENT_LOCKS === "on") return Promise.resolve(true);
  let kind = serverKinds.get(conn);
  if (!kind) {
    kind = conn.db!.admin().command({ buildInfo: 1 }).then((info) => typeof info.ferretdbVersion === "string");
    serverKinds.set(conn, kind);
  }
  return kind;
}

export type Release = () => Promise<void>;
const NOTHING: Release = async () => undefined;

/** Locks the documents for one write; returns the release. A no-op off FerretDB. */
export async function lockDocuments(model: mongoose.Model<any>, ids: readonly unknown[]): Promise<Release> {
  if (!ids.length || !(await onFerretDB(model))) return NOTHING;
  const keys = [...new Set(ids.map(String))].sort().map((id) => `${redisKeyPrefix()}:lock:${model.collection.name}:${id}`);
  const token = randomBytes(8).toString("hex");
  const redis = getRedis();
  const deadline = Date.now() + WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    if (Number(await redis.eval(ACQUIRE, keys.length, ...keys, token, String(LOCK_MS))) === 1) break;
    if (Date.now() > deadline) throw new Error(`Another change to the same record is taking too long; please try again (${model.modelName}).`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(50, 2 + attempt * 3) + Math.random() * 5));
  }
  return async () => {
    await redis.eval(RELEASE, keys.length, ...keys, token).catch(() => undefined);
  };
}
