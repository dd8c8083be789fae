import mongoose from "mongoose";
import { describe, expect, it } from "vitest";
import { runMigrations } from "@/lib/migrations/run-migrations";

type IndexInfo = { key: Record<string, number>; unique?: boolean };

async function indexes(collection: string): Promise<IndexInfo[]> {
  return (await mongoose.connection.db!.collection(collection).listIndexes().toArray()) as IndexInfo[];
}

function has(list: IndexInfo[], key: Record<string, number>, unique = false) {
  const found = list.find((i) => JSON.stringify(i.key) === JSON.stringify(key));
  expect(found, `index ${JSON.stringify(key)}`).toBeDefined();
  expect(Boolean(found!.unique), `unique ${JSON.stringify(key)}`).toBe(unique);
}

// Every index of the founding spec (text indexes replaced by search_keys), as listIndexes shows it.
const SPEC: Record<string, [Record<string, number>, boolean?][]> = {
  tenants: [[{ domain: 1 }], [{ subdomain: 1 }, true], [{ subscription_status: 1, subscription_end_date: 1 }]],
  tenant_domains: [[{ domain: 1 }, true]],
  users: [[{ tenant_id: 1, email: 1 }, true], [{ google_id: 1 }], [{ tenant_id: 1, role: 1 }], [{ tenant_id: 1, is_active: 1 }], [{ tenant_id: 1, last_login: -1 }]],
  leads: [
    [{ tenant_id: 1, status: 1 }], [{ tenant_id: 1, assigned_to: 1 }], [{ tenant_id: 1, phone: 1 }], [{ tenant_id: 1, email: 1 }],
    [{ tenant_id: 1, source: 1 }], [{ tenant_id: 1, tags: 1 }], [{ tenant_id: 1, last_contacted: -1 }], [{ tenant_id: 1, next_follow_up: 1 }],
    [{ tenant_id: 1, search_keys: 1 }], [{ tenant_id: 1, status: 1, created_at: -1 }], [{ tenant_id: 1, assigned_to: 1, status: 1 }],
  ],
  buyers: [
    [{ tenant_id: 1, is_active: 1 }], [{ tenant_id: 1, phone: 1 }], [{ tenant_id: 1, email: 1 }], [{ tenant_id: 1, property_types: 1 }],
    [{ tenant_id: 1, "price_range.min": 1, "price_range.max": 1 }], [{ tenant_id: 1, preferred_locations: 1 }], [{ tenant_id: 1, last_contacted: -1 }],
    [{ tenant_id: 1, search_keys: 1 }], [{ tenant_id: 1, property_types: 1, "price_range.min": 1, "price_range.max": 1 }],
  ],
  communications: [
    [{ tenant_id: 1, recipient_type: 1, recipient_id: 1 }], [{ tenant_id: 1, sender_id: 1 }], [{ tenant_id: 1, type: 1 }], [{ tenant_id: 1, status: 1 }],
    [{ tenant_id: 1, scheduled_at: 1 }], [{ tenant_id: 1, sent_at: -1 }], [{ twilio_sid: 1 }], [{ tenant_id: 1, recipient_type: 1, recipient_id: 1, created_at: -1 }],
  ],
  deals: [[{ tenant_id: 1, status: 1 }], [{ tenant_id: 1, lead_id: 1 }], [{ tenant_id: 1, buyer_id: 1 }], [{ tenant_id: 1, assigned_to: 1 }], [{ tenant_id: 1, deal_type: 1 }], [{ tenant_id: 1, "timeline.closing_date": 1 }]],
  activities: [[{ tenant_id: 1, user_id: 1 }], [{ tenant_id: 1, type: 1 }], [{ tenant_id: 1, entity_type: 1, entity_id: 1 }], [{ tenant_id: 1, created_at: -1 }]],
  tags: [[{ tenant_id: 1, name: 1 }, true], [{ tenant_id: 1, category: 1 }], [{ tenant_id: 1, usage_count: -1 }]],
  templates: [[{ tenant_id: 1, type: 1 }], [{ tenant_id: 1, category: 1 }], [{ tenant_id: 1, is_active: 1 }], [{ tenant_id: 1, usage_count: -1 }]],
  workflows: [[{ tenant_id: 1, status: 1 }], [{ tenant_id: 1, "trigger.type": 1 }], [{ tenant_id: 1, created_by: 1 }], [{ tenant_id: 1, tags: 1 }]],
  analytics: [
    [{ tenant_id: 1, metric_name: 1, recorded_at: -1 }], [{ tenant_id: 1, "dimensions.user_id": 1, recorded_at: -1 }],
    [{ tenant_id: 1, "dimensions.lead_source": 1, recorded_at: -1 }], [{ tenant_id: 1, aggregation_period: 1, recorded_at: -1 }],
  ],
  settings: [[{ tenant_id: 1, category: 1, key: 1 }, true], [{ tenant_id: 1, category: 1 }]],
  schema_versions: [[{ collection: 1, version: 1 }, true]],
};

describe("indexes", () => {
  it.each(Object.entries(SPEC))("%s has the spec's indexes, the unique ones unique", async (collection, expected) => {
    const list = await indexes(collection);
    for (const [key, unique] of expected) has(list, key, unique ?? false);
  });

  it("rebuilding indexes and rerunning migrations changes nothing", async () => {
    const before = await indexes("leads");
    const first = await runMigrations();
    const second = await runMigrations();
    expect(second.applied).toEqual([]);
    expect(second.skipped.length).toBe(first.applied.length + first.skipped.length);
    expect(await indexes("leads")).toEqual(before);
  });

  it("unique per tenant: the same tag name in two tenants, but not twice in one", async () => {
    const { createTenant } = await import("@/lib/testing/factories");
    const { scoped } = await import("./scoped");
    const { Tag } = await import("@/models/tag");
    const a = (await createTenant()).ctx;
    const b = (await createTenant()).ctx;
    await scoped(a, Tag).create({ name: "Absentee" });
    await scoped(b, Tag).create({ name: "Absentee" });
    await expect(scoped(a, Tag).create({ name: "Absentee" })).rejects.toMatchObject({ code: 11000 });
  });
});
