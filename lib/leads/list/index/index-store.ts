import "server-only";
import { leadReadModel } from "./lead-read-model";

// The lead list index's shared copy in Redis: the generic read model store
// (lib/core/read-models/store.ts) under the lead read model's keys. Kept under these names for
// the lead code, tests and benchmarks that reach it directly.

export type { Removal, Tombstone } from "@/lib/core/read-models/store";

const store = leadReadModel.store;

export const keys = store.keys;
export const readMeta = store.readMeta;
export const appendChanges = store.appendChanges;
/** Forgets a tenant's index entirely (tests, a reseed). */
export const dropIndex = store.drop;
