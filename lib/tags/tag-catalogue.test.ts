import { describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import { createLead } from "@/lib/leads/write/create-lead";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { createLeadSchema } from "@/lib/zod/schemas/lead";
import { Lead } from "@/models/lead";
import { Tag } from "@/models/tag";
import { createTag, deleteTag, listTags, mergeTags, renameTag, updateTag } from "./tag-catalogue";

async function seed() {
  const ws = await createWorkspace();
  const other = await createWorkspace();
  const mk = (ctx: typeof ws.admin, i: number, tags: string[]) => createLead(ctx, createLeadSchema.parse({ name: `L${i}`, phone: `21455530${String(i).padStart(2, "0")}`, tags }), { allowDuplicate: true });
  await mk(ws.admin, 1, ["vacant", "probate"]);
  await mk(ws.admin, 2, ["vacant"]);
  await mk(ws.admin, 3, ["empty house", "probate"]);
  await mk(other.admin, 4, ["vacant"]);
  return { ws, other };
}
const tagsOf = async (ctx: Parameters<typeof listTags>[0]) => (await scoped(ctx, Lead).find({}).sort({ name: 1 }).lean()).map((l) => l.tags);

describe("tag catalogue", () => {
  it("renames a tag on every lead of the tenant, with a correct count", async () => {
    const { ws, other } = await seed();
    const vacant = (await listTags(ws.admin)).find((t) => t.name === "vacant")!;
    expect(vacant.usageCount).toBe(2);
    await expect(renameTag(ws.admin, vacant.id, "probate")).rejects.toThrow(/Merge/);
    const renamed = await renameTag(ws.admin, vacant.id, "vacant house");
    expect(renamed).toMatchObject({ name: "vacant house", usageCount: 2 });
    expect(await tagsOf(ws.admin)).toEqual([["vacant house", "probate"], ["vacant house"], ["empty house", "probate"]]);
    expect(await tagsOf(other.admin)).toEqual([["vacant"]]);
  });

  it("merges tags into one and recolours; needs tags.manage", async () => {
    const { ws, other } = await seed();
    const all = await listTags(ws.admin);
    const id = (n: string) => all.find((t) => t.name === n)!.id;
    await expect(mergeTags(ws.rep, [id("empty house")], id("vacant"))).rejects.toThrow(/permission/);
    const merged = await mergeTags(ws.admin, [id("empty house")], id("vacant"));
    expect(merged.usageCount).toBe(3);
    expect(await tagsOf(ws.admin)).toEqual([["vacant", "probate"], ["vacant"], ["vacant", "probate"]]);
    expect((await listTags(ws.admin)).map((t) => t.name)).toEqual(["probate", "vacant"]);
    expect(await updateTag(ws.admin, id("vacant"), { color: "#112233" })).toMatchObject({ color: "#112233" });
    await expect(renameTag(other.admin, id("vacant"), "x")).rejects.toThrow(/not found/);
    await deleteTag(ws.admin, id("probate"));
    expect(await tagsOf(ws.admin)).toEqual([["vacant"], ["vacant"], ["vacant"]]);
    expect(await scoped(other.admin, Tag).countDocuments()).toBe(1);
    expect((await createTag(ws.rep, { name: "hot", color: "#ef4444" })).color).toBe("#ef4444");
  });

  it("keeps a system tag: it cannot be merged away, only have others merged into it", async () => {
    const { ws } = await seed();
    const dnc = await scoped(ws.admin, Tag).create({ name: "dnc", category: "lead_tags", is_system: true });
    await createLead(ws.admin, createLeadSchema.parse({ name: "Do not call", phone: "2145553099", tags: ["dnc"] }), { allowDuplicate: true });
    const vacant = (await listTags(ws.admin)).find((t) => t.name === "vacant")!;

    await expect(mergeTags(ws.admin, [String(dnc._id)], vacant.id)).rejects.toThrow(/system tag/);
    expect((await listTags(ws.admin)).find((t) => t.name === "dnc")).toMatchObject({ usageCount: 1, isSystem: true });
    expect((await scoped(ws.admin, Lead).findOne({ name: "Do not call" }).lean())?.tags).toEqual(["dnc"]);

    expect(await mergeTags(ws.admin, [vacant.id], String(dnc._id))).toMatchObject({ name: "dnc", usageCount: 3 });
  });
});
