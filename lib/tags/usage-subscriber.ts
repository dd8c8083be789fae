import { subscribe } from "@/lib/core/events/subscribers";
import type { DomainEventRecord } from "@/lib/core/events/subscribers";
import { modelOfResource } from "@/lib/core/events/sweep";
import { Tag } from "@/models/tag";
import { recountTagUsage } from "./recount-tag-usage";

// Tag usage follows the leads and buyers carrying each tag, whoever changes them (an edit, a bulk
// change, an import, a merge, a delete or restore, a tag rename rewriting leads), and a rename in
// the catalogue itself. Inline, so the tags page counts the change at once; idempotent (a recount).
subscribe({
  name: "tag-usage",
  resources: ["lead", "buyer", "tag"],
  inline: true,
  async handle(event) {
    const names = await namesTouched(event);
    if (names.size) await recountTagUsage({ tenantId: String(event.tenant_id), actor: { kind: "system", source: "job", label: "Tag usage" } }, names);
  },
});

const tagsOf = (doc: Record<string, unknown> | null | undefined) => (Array.isArray(doc?.tags) ? (doc.tags as unknown[]).map(String) : []);

/** The tag names an event may have changed the usage of. */
async function namesTouched(event: DomainEventRecord): Promise<Set<string>> {
  const names = new Set<string>();
  if (event.resource === "tag") {
    // A tag renamed: its old and new names (a count written by the recount itself changes no name).
    if (event.kind !== "updated" || !event.changes.some((c) => c.path === "name")) return names;
    for (const s of event.states ?? []) {
      if (typeof s.before?.name === "string") names.add(s.before.name);
      if (typeof s.after?.name === "string") names.add(s.after.name);
    }
    if (!event.states?.length) {
      const tags = await Tag.find({ tenant_id: event.tenant_id, _id: { $in: event.ids } }, { name: 1 }).lean();
      tags.forEach((t) => names.add(t.name));
    }
    return names;
  }
  if (event.kind === "updated" && !event.changes.some((c) => c.path === "tags" || c.path.startsWith("tags."))) return names;
  const known = new Set<string>();
  for (const s of event.states ?? []) {
    if (!s.before && !s.after) continue;
    known.add(String(s.id));
    tagsOf(s.before).forEach((t) => names.add(t));
    tagsOf(s.after).forEach((t) => names.add(t));
  }
  const unknown = event.ids.filter((id) => !known.has(String(id)));
  if (!unknown.length) return names;
  if (event.kind === "created") {
    const docs = await modelOfResource(event.resource).find({ tenant_id: event.tenant_id, _id: { $in: unknown } }, { tags: 1 }).lean();
    docs.forEach((d: Record<string, unknown>) => tagsOf(d).forEach((t) => names.add(t)));
  } else {
    // Tags removed or deleted without their values kept: every name of the catalogue, and the
    // names the documents carry now.
    const tags = await Tag.find({ tenant_id: event.tenant_id }, { name: 1 }).lean();
    tags.forEach((t) => names.add(t.name));
    if (event.kind === "updated") {
      const docs = await modelOfResource(event.resource).find({ tenant_id: event.tenant_id, _id: { $in: unknown } }, { tags: 1 }).lean();
      docs.forEach((d: Record<string, unknown>) => tagsOf(d).forEach((t) => names.add(t)));
    }
  }
  return names;
}

