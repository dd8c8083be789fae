import "server-only";
import type { Model } from "mongoose";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { Buyer } from "@/models/buyer";
import { Lead } from "@/models/lead";
import { Tag, type TAG_CATEGORIES } from "@/models/tag";

/** The collections whose documents carry tags, and the catalogue category a new name of theirs joins. */
const TAGGED: { model: Model<any>; category: (typeof TAG_CATEGORIES)[number] }[] = [
  { model: Lead, category: "lead_tags" },
  { model: Buyer, category: "buyer_tags" },
];

/**
 * Sets each named tag's usage_count to the number of the tenant's leads and buyers carrying it,
 * and adds a name carried but not in the catalogue yet (a name nobody carries is not added: a
 * renamed or merged-away tag stays gone). Counts are derived rather than incremented, because
 * concurrent $inc on one document can lose updates on FerretDB; a count already right is not
 * written again. Run by the tag-usage subscriber on every change to tags.
 */
export async function recountTagUsage(ctx: TenantContext, names: Iterable<string>): Promise<void> {
  const unique = [...new Set(names)].filter(Boolean);
  if (!unique.length) return;
  const tags = scoped(ctx, Tag);
  const byName = new Map<string, number>();
  const firstCategory = new Map<string, (typeof TAG_CATEGORIES)[number]>();
  for (const { model, category } of TAGGED) {
    if (!model.schema.path("tags")) continue;
    const counts = await scoped(ctx, model).aggregate<{ _id: string; n: number }>(
      [{ $unwind: "$tags" }, { $match: { tags: { $in: unique } } }, { $group: { _id: "$tags", n: { $sum: 1 } } }],
      { tags: { $in: unique } },
    );
    for (const c of counts) {
      byName.set(c._id, (byName.get(c._id) ?? 0) + c.n);
      if (!firstCategory.has(c._id)) firstCategory.set(c._id, category);
    }
  }
  const existing = new Map((await tags.find({ name: { $in: unique } }, { name: 1, usage_count: 1 }).lean()).map((t) => [t.name, t.usage_count ?? 0]));
  for (const name of unique) {
    const usage_count = byName.get(name) ?? 0;
    if (existing.has(name)) {
      if (existing.get(name) !== usage_count) await tags.updateOne({ name }, { $set: { usage_count } });
    } else if (usage_count > 0) {
      await tags.create({ name, category: firstCategory.get(name) ?? "lead_tags", usage_count }).catch((err: { code?: number }) => {
        // Created meanwhile by a concurrent request: set the count on that one.
        if (err.code !== 11000) throw err;
        return tags.updateOne({ name }, { $set: { usage_count } });
      });
    }
  }
}
