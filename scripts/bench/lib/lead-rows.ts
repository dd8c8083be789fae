// A tenant's lead list read model written to the local Redis as a finished build, without a
// database: the seed's own lead builder (lib/seed/build/lead.ts, list entries only), turned into
// rows by the read model's toRow, under a fresh tenant id (drop it afterwards). Shared by
// read-model-memory.ts and read-model-queries.ts.
import { Types } from "mongoose";
import { newEpoch } from "@/lib/core/read-models/store";
import type { IndexRow, IndexSourceDoc } from "@/lib/leads/list/index/index-row";
import { leadReadModel } from "@/lib/leads/list/index/lead-read-model";
import { buildUsers } from "@/lib/seed/build/company";
import { buildLead } from "@/lib/seed/build/lead";
import type { TenantSeedContext } from "@/lib/seed/context";
import { ACME_CITIES, GLOBEX_CITIES } from "@/lib/seed/data/places";
import { DEMO_TENANTS, type DemoTenantKey } from "@/lib/seed/demo-users";
import { idFactory, type IdFactory } from "@/lib/seed/ids";
import { SEED } from "@/lib/seed/seed-constants";
import { PLAN_DEFAULTS } from "@/lib/tenants/plans";

export type WrittenTenant = { tenantId: string; adminId: string; repIds: string[] };

/** Generates a tenant's leads with the seed's builder and writes them to Redis as a finished build. */
export async function writeLeadRows(key: DemoTenantKey, leads: number, log: (line: string) => void = () => {}): Promise<WrittenTenant> {
  const tenantId = new Types.ObjectId();
  const base = new Date(Date.UTC(2026, 11, 1, 12));
  const factories = new Map<string, IdFactory>();
  const id = (collection: string) => {
    if (!factories.has(collection)) factories.set(collection, idFactory(`${SEED}:${key}:${collection}`));
    return factories.get(collection)!;
  };
  const phones = new Set<string>();
  const { users } = buildUsers({ key, tenantId, base, phones }, "x", id("users"));
  const admin = users.find((u) => u.role === "admin")!;
  const reps = users.filter((u) => u.role === "acquisition_rep");
  const spec = DEMO_TENANTS.find((t) => t.key === key)!;
  const ctx: TenantSeedContext = {
    key,
    tenantId,
    companyName: spec.name,
    base,
    cities: key === "acme" ? ACME_CITIES : GLOBEX_CITIES,
    plan: PLAN_DEFAULTS[spec.plan],
    users: { all: users, admin, reps, dispo: users.find((u) => u.role === "disposition_manager") ?? admin },
    templates: new Map(),
    phones,
    addresses: new Set(),
    id,
  };
  const store = leadReadModel.store;
  const epoch = newEpoch();
  const rev = 1;
  let batch: IndexRow[] = [];
  for (let i = 0; i < leads; i++) {
    // The projection is what the read model reads from a stored lead: toRow takes only those fields.
    batch.push(leadReadModel.descriptor.toRow(buildLead(ctx, i, false).lead as unknown as IndexSourceDoc, rev)!);
    if (batch.length >= 2000) {
      await store.writeRows(String(tenantId), epoch, batch);
      batch = [];
    }
    if (i > 0 && i % 200_000 === 0) log(`  ${key}: ${i.toLocaleString("en-US")} rows written`);
  }
  await store.writeRows(String(tenantId), epoch, batch);
  await store.publishBuild(String(tenantId), epoch, "0-0");
  return { tenantId: String(tenantId), adminId: String(admin._id), repIds: reps.map((r) => String(r._id)) };
}
