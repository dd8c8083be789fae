import { model, models, Schema, type InferSchemaType, type Model } from "mongoose";
import { baseOptions } from "./shared";

/**
 * One row per verified custom domain, the only way a custom host reaches a tenant: the unique
 * index on `domain` keeps a domain with one tenant, which an optional field on tenants cannot do
 * on FerretDB (no sparse or partial indexes). Domains waiting for verification are not here but
 * in the claiming tenant's `domain_claim`, so a claim never blocks another company's.
 */
const tenantDomainSchema = new Schema(
  {
    domain: { type: String, required: true, trim: true, lowercase: true, maxlength: 253 },
    tenant_id: { type: Schema.Types.ObjectId, ref: "Tenant", required: true },
  },
  baseOptions("tenant_domains"),
);

tenantDomainSchema.index({ domain: 1 }, { unique: true });
tenantDomainSchema.index({ tenant_id: 1 });

export type TenantDomainDoc = InferSchemaType<typeof tenantDomainSchema>;
export const TenantDomain: Model<TenantDomainDoc> = models.TenantDomain ?? model("TenantDomain", tenantDomainSchema);
