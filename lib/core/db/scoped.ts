import {
  Types,
  type AnyBulkWriteOperation,
  type Model,
  type PipelineStage,
  type QueryFilter,
  type UpdateQuery,
} from "mongoose";
import { tenantObjectId, type TenantContext } from "./tenant-context";
import { actorOf, runAs } from "@/lib/core/events/actor";

/**
 * What `create` takes: the schema's own fields (and `_id`), each in any form Mongoose casts (an id
 * as a string, a subdocument as a plain object). A field the schema does not have is a type error,
 * so a misspelled field fails to compile instead of vanishing.
 */
export type CreateInput<T> = { [K in keyof T]?: unknown } & { _id?: unknown };

/** A filter that matches no document: what an invalid or foreign id turns into. */
const NOTHING = { _id: { $in: [] as Types.ObjectId[] } };

export function isObjectIdString(id: unknown): id is string {
  return typeof id === "string" && /^[0-9a-f]{24}$/i.test(id);
}

/**
 * The only way application code reaches a tenant-owned collection. Every filter is pinned to the
 * context's tenant (a caller's own `tenant_id` key is overwritten, never trusted), creates are
 * stamped with it, and an id that is malformed or belongs to another tenant matches nothing,
 * exactly like an id that does not exist.
 */
export function scoped<T>(ctx: TenantContext, model: Model<T>) {
  const tenant_id = tenantObjectId(ctx);
  // Who acts, for the domain events the writes below announce (lib/core/events).
  const actor = actorOf(ctx);
  const pin = (filter: QueryFilter<T> = {}) => ({ ...filter, tenant_id }) as QueryFilter<T>;
  // An id as the browser sends it (a string) or as another document holds it (an ObjectId).
  const byId = (id: unknown) =>
    isObjectIdString(id) || id instanceof Types.ObjectId ? pin({ _id: id } as QueryFilter<T>) : pin(NOTHING as QueryFilter<T>);

  return {
    tenantId: tenant_id,
    model,
    filter: pin,

    find: (filter?: QueryFilter<T>, projection?: Record<string, unknown> | string | null, options?: Record<string, unknown>) =>
      model.find(pin(filter), projection, options as any),
    findOne: (filter?: QueryFilter<T>, projection?: Record<string, unknown> | string | null) =>
      model.findOne(pin(filter), projection),
    findById: (id: unknown, projection?: Record<string, unknown> | string | null) => model.findOne(byId(id), projection),
    countDocuments: (filter?: QueryFilter<T>) => model.countDocuments(pin(filter)),
    exists: (filter?: QueryFilter<T>) => model.exists(pin(filter)),
    distinct: (field: string, filter?: QueryFilter<T>) => model.distinct(field, pin(filter)),

    create: (doc: CreateInput<T>) => runAs(actor, () => model.create({ ...doc, tenant_id } as any)),
    // Mongoose's unordered insertMany skips documents that fail validation without a word;
    // throwOnValidationError makes it throw after writing the valid ones, so none is lost unseen.
    // `eventMeta`: what the writer says about the change, carried by its domain event (a restore's batch, an import).
    insertMany: (docs: CreateInput<T>[], options: { ordered?: boolean; eventMeta?: Record<string, unknown> } = {}) =>
      model.insertMany(
        docs.map((d) => ({ ...d, tenant_id })),
        // `actor` is read (and removed) by the domain-events wrapper of insertMany.
        { throwOnValidationError: true, ...options, actor } as { ordered?: boolean; throwOnValidationError: boolean },
      ),

    updateOne: (filter: QueryFilter<T>, update: UpdateQuery<T>, options?: Record<string, unknown>) =>
      model.updateOne(pin(filter), update, { runValidators: true, ...options, actor } as any),
    updateMany: (filter: QueryFilter<T>, update: UpdateQuery<T>, options?: Record<string, unknown>) =>
      model.updateMany(pin(filter), update, { runValidators: true, ...options, actor } as any),
    /**
     * Updates one document by id and returns it as stored afterwards, or null when the id is not
     * this tenant's. Two round trips: FerretDB's findAndModify cannot project (`select: false`).
     */
    updateById: async (id: unknown, update: UpdateQuery<T>, options?: Record<string, unknown>) => {
      const res = await model.updateOne(byId(id), update, { runValidators: true, ...options, actor } as any);
      return res.matchedCount === 0 ? null : model.findOne(byId(id)).lean();
    },

    deleteOne: (filter: QueryFilter<T>, options?: { eventMeta?: Record<string, unknown> }) => model.deleteOne(pin(filter)).setOptions({ ...options, actor }),
    deleteMany: (filter: QueryFilter<T>, options?: { eventMeta?: Record<string, unknown> }) => model.deleteMany(pin(filter)).setOptions({ ...options, actor }),
    /** Deletes one document by id and returns what was deleted, or null when the id is not this tenant's. */
    deleteById: async (id: unknown) => {
      const doc = await model.findOne(byId(id)).lean();
      if (doc) await model.deleteOne({ _id: (doc as { _id: unknown })._id, tenant_id }).setOptions({ actor });
      return doc;
    },

    /** Aggregation, always starting with this tenant's $match (the guard refuses cross-collection stages). */
    aggregate: <R = unknown>(pipeline: PipelineStage[], match: QueryFilter<T> = {}) =>
      model.aggregate<R>([{ $match: pin(match) } as PipelineStage, ...pipeline]),

    bulkWrite: (ops: AnyBulkWriteOperation<any>[]) =>
      runAs(actor, () => model.bulkWrite(
        ops.map((op) => {
          const [kind, spec] = Object.entries(op)[0] as [string, any];
          if (kind === "insertOne") return { insertOne: { document: { ...spec.document, tenant_id } } } as any;
          if (kind === "replaceOne") return { replaceOne: { ...spec, filter: pin(spec.filter), replacement: { ...spec.replacement, tenant_id } } } as any;
          return { [kind]: { ...spec, filter: pin(spec.filter) } } as any;
        }),
      )),
  };
}

