import "server-only";
import type { Types } from "mongoose";
import { requirePermission } from "@/lib/core/permissions";
import { recordActivity } from "@/lib/activities/record-activity";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError, notFound } from "@/lib/core/errors";
import { INDEX_PROJECTION, type IndexSourceDoc } from "@/lib/leads/list/index/index-row";
import { Lead } from "@/models/lead";
import { Tag } from "@/models/tag";
import { tagKey } from "@/lib/zod/schemas/tag";

export type TagView = { id: string; name: string; color: string; category: string; description: string | null; usageCount: number; isSystem: boolean };

const toView = (t: Record<string, any>): TagView => ({
  id: String(t._id),
  name: t.name,
  color: t.color ?? "#64748b",
  category: t.category ?? "lead_tags",
  description: t.description ?? null,
  usageCount: t.usage_count ?? 0,
  isSystem: t.is_system === true,
});

export async function listTags(ctx: TenantContext): Promise<TagView[]> {
  requirePermission(ctx, "leads.read");
  // One catalogue for leads and buyers: a tag first carried by a buyer (an import) is listed too.
  const rows = await scoped(ctx, Tag).find({ category: { $in: ["lead_tags", "buyer_tags"] } }).sort({ name: 1 }).limit(1000).lean();
  return rows.map(toView);
}

/** The catalogue's tag that `name` is a look-alike of ("High Equity" → "high-equity"), the most used first. */
async function findLookAlike(ctx: TenantContext, name: string, except?: Types.ObjectId) {
  const key = tagKey(name);
  const rows = await scoped(ctx, Tag).find(except ? { _id: { $ne: except } } : {}).sort({ usage_count: -1, name: 1 }).lean();
  return rows.find((t) => tagKey(t.name) === key) ?? null;
}

/** Adds a tag to the catalogue while tagging a lead (leads.write); returns the existing one (or its look-alike) if there is one. */
export async function createTag(ctx: TenantContext, { name, color }: { name: string; color?: string }): Promise<TagView> {
  requirePermission(ctx, "leads.write");
  const tags = scoped(ctx, Tag);
  const existing = await findLookAlike(ctx, name);
  if (existing) return toView(existing);
  try {
    return toView((await tags.create({ name, color, category: "lead_tags" })).toObject());
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
    return toView((await tags.findOne({ name }).lean())!);
  }
}

async function tagOrThrow(ctx: TenantContext, id: string) {
  const tag = await scoped(ctx, Tag).findById(id).lean();
  if (!tag) throw notFound("Tag");
  return tag;
}

export async function updateTag(ctx: TenantContext, id: string, input: { color?: string; description?: string }): Promise<TagView> {
  requirePermission(ctx, "tags.manage");
  const tag = await tagOrThrow(ctx, id);
  const set: Record<string, string> = {};
  if (input.color) set.color = input.color;
  if (input.description !== undefined) set.description = input.description;
  await scoped(ctx, Tag).updateOne({ _id: tag._id }, { $set: set });
  return toView({ ...tag, ...set });
}

/**
 * Rewrites the tags of every lead carrying one of `names`, in pages, and tells the lead list
 * index (a big tenant's list filters by tag from it). Arrays are set whole with the array read as
 * a guard (FerretDB has no positional operator and $pull with a condition does nothing); a lead
 * changed meanwhile is picked up by the next page.
 */
async function rewriteTagsOnLeads(ctx: TenantContext, names: readonly string[], rewrite: (tags: string[]) => string[]): Promise<number> {
  const leads = scoped(ctx, Lead);
  let changed = 0;
  for (let guard = 0; guard < 10_000; guard++) {
    const page = await leads.find({ tags: { $in: [...names] } }, INDEX_PROJECTION).limit(500).lean<IndexSourceDoc[]>();
    if (!page.length) break;
    const now = new Date();
    const updated = page.map((l) => ({ ...l, tags: rewrite(l.tags ?? []), updated_at: now }));
    const res = await leads.bulkWrite(
      updated.map((l, i) => ({
        updateOne: { filter: { _id: l._id as Types.ObjectId, tags: page[i].tags }, update: { $set: { tags: l.tags, updated_at: now } } },
      })),
    );
    changed += res.modifiedCount;
  }
  return changed;
}

/** Replaces tag names on every lead carrying one of `from`. */
function replaceTagOnLeads(ctx: TenantContext, from: readonly string[], to: string): Promise<number> {
  return rewriteTagsOnLeads(ctx, from, (tags) => [...new Set(tags.map((t) => (from.includes(t) ? to : t)))]);
}

/** Renames a tag on every lead (first) and then in the catalogue, so a retry after a crash finishes it. */
export async function renameTag(ctx: TenantContext, id: string, name: string): Promise<TagView> {
  requirePermission(ctx, "tags.manage");
  const tag = await tagOrThrow(ctx, id);
  if (tag.name === name) return toView(tag);
  // FerretDB does not report a unique violation on update as 11000: check first. A look-alike
  // ("high equity" beside "high-equity") is the same tag, so it is a conflict too.
  const other = await findLookAlike(ctx, name, tag._id);
  if (other) {
    throw new AppError("conflict", `A tag named "${other.name}" already exists. Merge the two tags instead.`, { name: ["Already exists: merge instead"] });
  }
  const leads = await replaceTagOnLeads(ctx, [tag.name], name);
  // The tag-usage subscriber, seeing leads carry a name not in the catalogue, may have added it
  // meanwhile (with default colour and no description): this tag takes its place. Its counts follow the
  // rename's event.
  await scoped(ctx, Tag).deleteMany({ name, _id: { $ne: tag._id } });
  await scoped(ctx, Tag).updateOne({ _id: tag._id }, { $set: { name } });
  await recordActivity(ctx, { type: "tag_renamed", entityType: "tag", entityId: tag._id, description: `Tag "${tag.name}" renamed to "${name}" on ${leads} leads`, metadata: { from: tag.name, to: name, leads } });
  return toView({ ...(await tagOrThrow(ctx, id)) });
}

/** Merges tags into one: every lead carrying a source tag gets the target instead; the sources leave the catalogue. */
export async function mergeTags(ctx: TenantContext, sourceIds: readonly string[], targetId: string): Promise<TagView> {
  requirePermission(ctx, "tags.manage");
  const target = await tagOrThrow(ctx, targetId);
  const sources = await Promise.all(sourceIds.filter((s) => s !== targetId).map((s) => tagOrThrow(ctx, s)));
  // Merging a tag away removes it from the catalogue, like deleting it: system tags (dnc) stay.
  const system = sources.find((s) => s.is_system);
  if (system) throw new AppError("bad_request", `"${system.name}" is a system tag and cannot be merged into another; merge the other tag into it instead.`);
  const names = sources.map((s) => s.name);
  const leads = await replaceTagOnLeads(ctx, names, target.name);
  await scoped(ctx, Tag).deleteMany({ _id: { $in: sources.map((s) => s._id) } });
  await recordActivity(ctx, { type: "tags_merged", entityType: "tag", entityId: target._id, description: `Merged ${names.map((n) => `"${n}"`).join(", ")} into "${target.name}" on ${leads} leads`, metadata: { from: names, to: target.name, leads } });
  return toView(await tagOrThrow(ctx, targetId));
}

/** Removes a tag from every lead and the catalogue. System tags (dnc) stay. */
export async function deleteTag(ctx: TenantContext, id: string): Promise<void> {
  requirePermission(ctx, "tags.manage");
  const tag = await tagOrThrow(ctx, id);
  if (tag.is_system) throw new AppError("bad_request", `"${tag.name}" is a system tag and cannot be deleted.`);
  await rewriteTagsOnLeads(ctx, [tag.name], (tags) => tags.filter((t) => t !== tag.name));
  await scoped(ctx, Tag).deleteOne({ _id: tag._id });
  await recordActivity(ctx, { type: "tag_deleted", entityType: "tag", entityId: tag._id, description: `Tag "${tag.name}" deleted` });
}
