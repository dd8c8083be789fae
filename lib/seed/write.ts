// Bulk writes for the seed. Documents go through the driver in batches (Mongoose's per-document
// casting and validation would dominate a 100,000-lead seed); lib/seed/derive.ts supplies what the
// models' hooks would have added.
import { deleteInBatches } from "@/lib/core/db/delete-in-batches";
import type { Model } from "mongoose";
import { Tenant } from "@/models/tenant";
import { TenantDomain } from "@/models/tenant-domain";
import { TenantPhoneNumber } from "@/models/tenant-phone-number";
import { tenantOwnedModels } from "@/models";
import { removeTenantBlobs } from "@/lib/storage/gridfs";
import type { Doc } from "./context";
import { DEMO_TENANTS } from "./demo-users";

/** Drops undefined fields, as Mongoose does (the driver would store them as null). */
export function compact<T>(value: T): T {
  if (Array.isArray(value)) return value.map(compact) as T;
  if (!value || typeof value !== "object" || value instanceof Date || !isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = compact(v);
  return out as T;
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Where generated documents go: the database, or memory (tests compare two runs). */
export type DocSink = {
  readonly full: boolean;
  push(...docs: Doc[]): void;
  flush(): Promise<void>;
  /** Writes what is left; resolves with the number of documents written. */
  close(): Promise<number>;
};

export type SinkFactory = (model: Model<any>) => DocSink;

/**
 * Collects documents and inserts them `size` at a time. One batch is in flight while the next is
 * generated, so the database and the generator work at the same time.
 */
export class BatchWriter implements DocSink {
  private buffer: Doc[] = [];
  private inFlight: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  count = 0;

  constructor(private model: Model<any>, private size = 2_000) {}

  get full(): boolean {
    return this.buffer.length >= this.size;
  }

  push(...docs: Doc[]): void {
    this.buffer.push(...docs);
  }

  async flush(): Promise<void> {
    await this.settle();
    if (!this.buffer.length) return;
    const batch = this.buffer.map(compact);
    this.buffer = [];
    this.count += batch.length;
    // Caught here and rethrown by the next flush: a rejection nobody awaits yet would crash Node.
    this.inFlight = this.model.collection.insertMany(batch, { ordered: false }).then(
      () => undefined,
      (err: unknown) => void (this.failure = err),
    );
  }

  async close(): Promise<number> {
    await this.flush();
    await this.settle();
    return this.count;
  }

  private async settle(): Promise<void> {
    await this.inFlight;
    if (this.failure) throw this.failure;
  }
}

export const databaseSinks: SinkFactory = (model) => new BatchWriter(model);

/** Keeps every document per model name, for comparing seed runs without a database. */
export function memorySinks(store: Map<string, Doc[]>): SinkFactory {
  return (model) => {
    const docs = store.get(model.modelName) ?? [];
    store.set(model.modelName, docs);
    const before = docs.length;
    return {
      full: false,
      push: (...more: Doc[]) => void docs.push(...more.map(compact)),
      flush: async () => {},
      close: async () => docs.length - before,
    };
  };
}

/** Writes `docs` through one sink, a slice at a time: spreading 100,000 documents into one call overflows the stack. */
export async function writeAll(sinks: SinkFactory, model: Model<any>, docs: Doc[]): Promise<number> {
  const sink = sinks(model);
  for (let i = 0; i < docs.length; i += 1_000) {
    sink.push(...docs.slice(i, i + 1_000));
    if (sink.full) await sink.flush();
  }
  return sink.close();
}

/** Removes the demo companies and everything they own, in every collection. */
export async function deleteDemoData(): Promise<void> {
  const tenants = await Tenant.find({ subdomain: { $in: DEMO_TENANTS.map((t) => t.subdomain) } }, { _id: 1 }).lean();
  for (const { _id: tenant_id } of tenants) {
    // The read models of the demo companies are rebuilt after the seed (refresh-after-seed.ts):
    // no change events for a wholesale removal.
    for (const model of tenantOwnedModels) {
      const m = model as Model<any>;
      await deleteInBatches({ find: (f, p) => m.find(f, p), deleteMany: (f) => m.deleteMany(f).setOptions({ skipEvents: true }) }, { tenant_id });
    }
    // Their files' bytes (GridFS keeps the tenant in each file's metadata).
    await removeTenantBlobs(String(tenant_id));
    await TenantDomain.deleteMany({ tenant_id });
    await TenantPhoneNumber.deleteMany({ tenant_id });
    await Tenant.deleteOne({ _id: tenant_id });
  }
}
