import mongoose from "mongoose";

/**
 * Most `update` statements one command may carry. FerretDB 1.24 on PostgreSQL keeps the
 * PostgreSQL connection that found each `updateOne`'s document until the whole command ends, and
 * takes one more to write: a command of n update statements needs n + 1 of FerretDB's 50 pooled
 * connections at once. At 50 statements it waits forever for a connection nobody frees, and from
 * then on every request of every company hangs until FerretDB restarts; two concurrent commands
 * of 26 hang the same way (measured, docs/embedded-database.md). Ten leaves room for four full
 * commands at once (44 connections) beside single writes, and costs nothing measurable: FerretDB
 * runs the statements one by one anyway.
 */
export const MAX_UPDATES_PER_COMMAND = 10;

/**
 * Most documents (insert) or statements (delete) one command may carry. Neither holds a
 * connection beyond its own statement (measured: 600 inserts, 60 deletes in one command), so the
 * bound only keeps one command short; a smaller one makes inserts slower (5,000 documents: 2.2 s
 * in commands of 1,000, 11 s in commands of 10).
 */
export const MAX_OTHER_WRITES_PER_COMMAND = 1000;

const installed = Symbol.for("dealcycle.writeBatchLimit");

type BulkOperation = {
  s: { maxWriteBatchSize: number };
  addToOperationsList: (batchType: number, document: unknown) => unknown;
};
type CollectionPrototype = Record<string | symbol, unknown>;

/**
 * Bounds every write command this process sends, whoever builds it: Mongoose's Model.bulkWrite,
 * insertMany and bulkSave, `scoped(...).bulkWrite`, and raw driver calls (`Model.collection
 * .bulkWrite`, `insertMany`, the fluent bulk API) all go through the driver's bulk operation, which
 * splits its operations into commands of at most `maxWriteBatchSize - 1` and merges their results
 * (counts, inserted and upserted ids with their original indexes; an ordered write stops at its
 * first error). Lowering that bound per batch type makes the driver send small commands.
 */
export function limitWriteBatches(driver: typeof mongoose.mongo = mongoose.mongo): void {
  const proto = driver.Collection.prototype as unknown as CollectionPrototype;
  if (proto[installed]) return;
  for (const name of ["initializeOrderedBulkOp", "initializeUnorderedBulkOp"]) {
    const original = proto[name] as (this: unknown, ...args: unknown[]) => BulkOperation;
    proto[name] = function (this: unknown, ...args: unknown[]) {
      const bulk = original.apply(this, args);
      if (typeof bulk.s?.maxWriteBatchSize !== "number" || typeof bulk.addToOperationsList !== "function") {
        throw new Error("The MongoDB driver's bulk operation changed shape: lib/core/db/write-batches.ts can no longer bound write commands");
      }
      const serverLimit = bulk.s.maxWriteBatchSize;
      const updateBatch = driver.BatchType.UPDATE;
      const add = bulk.addToOperationsList;
      bulk.addToOperationsList = function (this: BulkOperation, batchType, document) {
        const limit = batchType === updateBatch ? MAX_UPDATES_PER_COMMAND : MAX_OTHER_WRITES_PER_COMMAND;
        // The driver starts a new command when the current one would reach maxWriteBatchSize.
        this.s.maxWriteBatchSize = Math.min(serverLimit, limit + 1);
        return add.call(this, batchType, document);
      };
      return bulk;
    };
  }
  proto[installed] = true;
}
