import { Types, type Schema } from "mongoose";
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
  return Object.entries(update as Record<string, unknown>).some(([key, value]) =>
    key === "tenant_id" ? true : key.startsWith("$") && value && typeof value === "object" && "tenant_id" in value,
  );
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
    if (!isExactTenantId(this.getFilter().tenant_id)) {
      throw new TenantScopeError(`${this.model.modelName}.${op} without an exact tenant_id filter`);
    }
    if (touchesTenantId(this.getUpdate())) {
      throw new TenantScopeError(`${this.model.modelName}.${op} may not change tenant_id`);
    }
  });

  schema.pre("aggregate", function (this: any) {
    if (this.options?.allTenants === true) return;
    const pipeline = this.pipeline() as Record<string, any>[];
    const first = pipeline[0];
    if (!first?.$match || !isExactTenantId(first.$match.tenant_id)) {
      throw new TenantScopeError("aggregate must start with $match on an exact tenant_id");
    }
    const stage = pipeline.find((s) => FORBIDDEN_STAGES.some((name) => name in s));
    if (stage) throw new TenantScopeError(`aggregate stage ${Object.keys(stage)[0]} is not allowed`);
  });

  schema.pre("bulkWrite", function (this: any, ...args: any[]) {
    const ops = args.find((a) => Array.isArray(a)) as Record<string, any>[] | undefined;
    for (const op of ops ?? []) {
      const [kind, spec] = Object.entries(op)[0] as [string, any];
      const tenant = kind === "insertOne" ? spec.document?.tenant_id : spec.filter?.tenant_id;
      if (!isExactTenantId(tenant)) throw new TenantScopeError(`bulkWrite ${kind} without an exact tenant_id`);
      if (spec.update && touchesTenantId(spec.update)) throw new TenantScopeError(`bulkWrite ${kind} may not change tenant_id`);
    }
  });
}
