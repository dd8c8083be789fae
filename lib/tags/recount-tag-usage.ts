import "server-only";
import { scoped } from "@/lib/db/scoped";
import type { TenantContext } from "@/lib/db/tenant-context";
import { Lead } from "@/models/lead";
import { Tag } from "@/models/tag";

/**
 * Sets each named tag's usage_count to the number of the tenant's leads carrying it, creating
 * catalogue entries for names not in it yet. Counts are derived from the leads rather than
 * incremented, because concurrent $inc on one document can lose updates on FerretDB.
 */
export async function recountTagUsage(ctx: TenantContext, names: Iterable<string>): Promise<void> {
  const unique = [...new Set(names)].filter(Boolean);
  if (!unique.length) return;
  const leads = scoped(ctx, Lead);
  const tags = scoped(ctx, Tag);
  const counts = await leads.aggregate<{ _id: string; n: number }>(
    [{ $unwind: "$tags" }, { $match: { tags: { $in: unique } } }, { $group: { _id: "$tags", n: { $sum: 1 } } }],
    { tags: { $in: unique } },
  );
  const byName = new Map(counts.map((c) => [c._id, c.n]));
  const existing = new Set((await tags.find({ name: { $in: unique } }, { name: 1 }).lean()).map((t) => t.name));
  for (const name of unique) {
    const usage_count = byName.get(name) ?? 0;
    if (existing.has(name)) {
      await tags.updateOne({ name }, { $set: { usage_count } });
    } else {
      await tags.create({ name, category: "lead_tags", usage_count }).catch((err: { code?: number }) => {
        // Created meanwhile by a concurrent request: set the count on that one.
        if (err.code !== 11000) throw err;
        return tags.updateOne({ name }, { $set: { usage_count } });
      });
    }
  }
}
