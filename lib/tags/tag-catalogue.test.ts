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

const idsOf = async (ctx: Parameters<typeof listTags>[0]) => {
  const all = await listTags(ctx);
  return (n: string) => all.find((t) => t.name === n)!.id;
};

describe("tag catalogue", () => {
  it("refuses to rename a tag to another tag's name, pointing to Merge", async () => {
    const { ws } = await seed();
    const id = await idsOf(ws.admin);
    await expect(renameTag(ws.admin, id("vacant"), "probate")).rejects.toThrow(/Merge/);
  });

  it("renames a tag on every lead of the tenant, with a correct count, and on no other tenant's", async () => {
    const { ws, other } = await seed();
    const vacant = (await listTags(ws.admin)).find((t) => t.name === "vacant")!;
    expect(vacant.usageCount).toBe(2);
    const renamed = await renameTag(ws.admin, vacant.id, "vacant house");
    expect(renamed).toMatchObject({ name: "vacant house", usageCount: 2 });
    expect(await tagsOf(ws.admin)).toEqual([["vacant house", "probate"], ["vacant house"], ["empty house", "probate"]]);
    expect(await tagsOf(other.admin)).toEqual([["vacant"]]);
  });

  it("needs tags.manage to merge", async () => {
    const { ws } = await seed();
    const id = await idsOf(ws.admin);
    await expect(mergeTags(ws.rep, [id("empty house")], id("vacant"))).rejects.toThrow(/permission/);
  });

  it("merges tags into one on every lead, counting both", async () => {
    const { ws } = await seed();
    const id = await idsOf(ws.admin);
    const merged = await mergeTags(ws.admin, [id("empty house")], id("vacant"));
    expect(merged.usageCount).toBe(3);
    expect(await tagsOf(ws.admin)).toEqual([["vacant", "probate"], ["vacant"], ["vacant", "probate"]]);
    expect((await listTags(ws.admin)).map((t) => t.name)).toEqual(["probate", "vacant"]);
  });

  it("recolours a tag", async () => {
    const { ws } = await seed();
    const id = await idsOf(ws.admin);
    expect(await updateTag(ws.admin, id("vacant"), { color: "#112233" })).toMatchObject({ color: "#112233" });
  });

  it("answers not found for another company's tag", async () => {
    const { ws, other } = await seed();
    const id = await idsOf(ws.admin);
    await expect(renameTag(other.admin, id("vacant"), "x")).rejects.toThrow(/not found/);
  });

  it("deletes a tag from every lead of the tenant, and nothing of another tenant", async () => {
    const { ws, other } = await seed();
    const id = await idsOf(ws.admin);
    await deleteTag(ws.admin, id("probate"));
    expect(await tagsOf(ws.admin)).toEqual([["vacant"], ["vacant"], ["empty house"]]);
    expect(await scoped(other.admin, Tag).countDocuments()).toBe(1);
  });

  it("lets a rep create a tag with its colour", async () => {
    const { ws } = await seed();
    expect((await createTag(ws.rep, { name: "hot", color: "#ef4444" })).color).toBe("#ef4444");
  });

  it("refuses to merge a system tag away, leaving it and its leads as they were", async () => {
    const { ws } = await seed();
    const dnc = await scoped(ws.admin, Tag).create({ name: "dnc", category: "lead_tags", is_system: true });
    await createLead(ws.admin, createLeadSchema.parse({ name: "Do not call", phone: "2145553099", tags: ["dnc"] }), { allowDuplicate: true });
    const id = await idsOf(ws.admin);
    await expect(mergeTags(ws.admin, [String(dnc._id)], id("vacant"))).rejects.toThrow(/system tag/);
    expect((await listTags(ws.admin)).find((t) => t.name === "dnc")).toMatchObject({ usageCount: 1, isSystem: true });
    expect((await scoped(ws.admin, Lead).findOne({ name: "Do not call" }).lean())?.tags).toEqual(["dnc"]);
  });

  it("merges other tags into a system tag", async () => {
    const { ws } = await seed();
    const dnc = await scoped(ws.admin, Tag).create({ name: "dnc", category: "lead_tags", is_system: true });
    await createLead(ws.admin, createLeadSchema.parse({ name: "Do not call", phone: "2145553099", tags: ["dnc"] }), { allowDuplicate: true });
    const id = await idsOf(ws.admin);
    expect(await mergeTags(ws.admin, [id("vacant")], String(dnc._id))).toMatchObject({ name: "dnc", usageCount: 3 });
  });
});
