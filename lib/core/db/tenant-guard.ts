import { Types, type Model, type Schema } from "mongoose";
import { TenantScopeError } from "./tenant-context";

// Every query kind Mongoose runs through query middleware.
const QUERY_OPS = [
  "find",
  "findOne",
  "countDocuments",
  "estimatedDocumentCount",
  "distinct",
  "updateOne",
  "updateMany",
  "replaceOne",
  "deleteOne",
  "deleteMany",
  "findOneAndUpdate",
  "findOneAndDelete",
  "findOneAndReplace",
] as const;

const REPLACE_OPS = new Set(["replaceOne", "findOneAndReplace"]);

// Stages that read another collection could escape the tenant filter.
const FORBIDDEN_STAGES = ["$lookup", "$unionWith", "$graphLookup", "$out", "$merge"];

/** A tenant filter value must be one exact id, never an operator such as `{ $ne: ... }`. */
export function isExactTenantId(value: unknown): boolean {
  if (value instanceof Types.ObjectId) return true;
  return typeof value === "string" && /^[0-9a-f]{24}$/i.test(value);
}

function touchesTenantId(update: unknown): boolean {
  if (!update || typeof update !== "object") return false;
  if (Array.isArray(update)) return true; // pipeline updates can rewrite any field
  return Object.entries(update as Record<string, unknown>).some(([key, value]) => {
    if (key === "tenant_id") return true;
    if (!key.startsWith("$") || !value || typeof value !== "object") return false;
    // `$rename: { notes: "tenant_id" }` overwrites the tenant as surely as `$set` does.
    return "tenant_id" in value || (key === "$rename" && Object.values(value).includes("tenant_id"));
  });
}

/**
 * A replacement keeps the document's tenant: one without tenant_id gets the filter's (a plain
 * replace would otherwise drop it), and one naming another tenant is refused.
 */
function pinReplacement(replacement: Record<string, unknown> | undefined, tenant: unknown, label: string) {
  if (!replacement || typeof replacement !== "object") return replacement;
  const own = replacement.tenant_id;
  if (own == null) return { ...replacement, tenant_id: tenant };
  if (!isExactTenantId(own) || String(own).toLowerCase() !== String(tenant).toLowerCase()) {
    throw new TenantScopeError(`${label} may not change tenant_id`);
  }
  return replacement;
}

/** The first cross-collection stage of a pipeline, looking inside `$facet` branches too. */
function forbiddenStage(pipeline: Record<string, any>[]): string | undefined {
  for (const stage of pipeline) {
    const name = FORBIDDEN_STAGES.find((n) => n in stage);
    if (name) return name;
    if (stage.$facet && typeof stage.$facet === "object") {
      for (const branch of Object.values(stage.$facet)) {
        const found = Array.isArray(branch) ? forbiddenStage(branch) : undefined;
        if (found) return found;
      }
    }
  }
  return undefined;
}

/** The model a populate option reads, when it can be told without running anything. */
function populatedModel(query: any, pop: { path: string; model?: unknown }): Model<unknown> | undefined {
  let ref: unknown = pop.model;
  if (!ref) {
    const path = query.model.schema.path(pop.path);
    ref = path?.options?.ref ?? path?.caster?.options?.ref ?? path?.embeddedSchemaType?.options?.ref;
  }
  if (typeof ref === "function" && "schema" in ref) return ref as Model<unknown>;
  if (typeof ref !== "string") return undefined;
  try {
    return query.model.db.model(ref);
  } catch {
    return undefined;
  }
}

/**
 * Populating from a tenant's query reads only that tenant's documents: a reference to another
 * tenant's document populates as null, exactly like a dangling one.
 */
function pinPopulate(query: any, tenant: unknown): void {
  const pops = query.mongooseOptions().populate as Record<string, { path: string; model?: unknown; match?: unknown }> | undefined;
  for (const pop of Object.values(pops ?? {})) {
    if (!populatedModel(query, pop)?.schema.path("tenant_id")) continue;
    const match = pop.match;
    pop.match =
      typeof match === "function"
        ? (...args: unknown[]) => ({ ...(match as (...a: unknown[]) => object)(...args), tenant_id: tenant })
        : { ...((match as object) ?? {}), tenant_id: tenant };
  }
}

/**
 * The last line of defence for tenant-owned collections: any query, update, delete, aggregate or
 * bulk write that is not pinned to exactly one tenant throws instead of running unscoped.
 * Code that must span tenants (migrations, the seed) says so with the `allTenants` query option.
 */
export function tenantGuardPlugin(schema: Schema): void {
  schema.pre(QUERY_OPS as unknown as RegExp, function (this: any) {
    if (this.getOptions().allTenants === true) return;
    const op = this.op as string;
    const tenant = this.getFilter().tenant_id;
    if (!isExactTenantId(tenant)) {
      throw new TenantScopeError(`${this.model.modelName}.${op} without an exact tenant_id filter`);
    }
    if (REPLACE_OPS.has(op)) {
      this.setUpdate(pinReplacement(this.getUpdate(), tenant, `${this.model.modelName}.${op}`));
    } else if (touchesTenantId(this.getUpdate())) {
      throw new TenantScopeError(`${this.model.modelName}.${op} may not change tenant_id`);
    }
    pinPopulate(this, tenant);
  });

  // A document's own updateOne() and deleteOne() filter on its _id only: add its tenant.
  schema.pre(["updateOne", "deleteOne"], { document: true, query: false }, function (this: any) {
    this.$where = { ...this.$where, tenant_id: this.tenant_id };
  });

  schema.pre("aggregate", function (this: any) {
    if (this.options?.allTenants === true) return;
    const pipeline = this.pipeline() as Record<string, any>[];
    const first = pipeline[0];
    if (!first?.$match || !isExactTenantId(first.$match.tenant_id)) {
      throw new TenantScopeError("aggregate must start with $match on an exact tenant_id");
    }
    const stage = forbiddenStage(pipeline);
    if (stage) throw new TenantScopeError(`aggregate stage ${stage} is not allowed`);
  });

  schema.pre("bulkWrite", function (this: any, ...args: any[]) {
    const ops = args.find((a) => Array.isArray(a)) as Record<string, any>[] | undefined;
    for (const op of ops ?? []) {
      const [kind, spec] = Object.entries(op)[0] as [string, any];
      const tenant = kind === "insertOne" ? spec.document?.tenant_id : spec.filter?.tenant_id;
      if (!isExactTenantId(tenant)) throw new TenantScopeError(`bulkWrite ${kind} without an exact tenant_id`);
      if (kind === "replaceOne") spec.replacement = pinReplacement(spec.replacement, tenant, "bulkWrite replaceOne");
      if (spec.update && touchesTenantId(spec.update)) throw new TenantScopeError(`bulkWrite ${kind} may not change tenant_id`);
    }
  });
}
