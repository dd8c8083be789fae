import { Types } from "mongoose";
import { beforeEach, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { createTenant } from "@/lib/testing/factories";
import { SavedView } from "@/models/saved-view";
import { User } from "@/models/user";
import { createSavedViewSchema } from "./schemas";
import { createSavedView, deleteSavedView, getSavedViewOrThrow, listSavedViews, updateSavedView } from "./saved-views";

let admin: TenantContext;
let rep: TenantContext;
let rep2: TenantContext;
let outsider: TenantContext;

// Each test gets its own two companies: none reads another's views.
beforeEach(async () => {
  const a = await createTenant();
  const b = await createTenant();
  const [u1, u2, u3] = await scoped(a.ctx, User).insertMany([
    { email: "admin@v.test", name: "Admin", role: "admin" },
    { email: "rep@v.test", name: "Rep One", role: "acquisition_rep" },
    { email: "rep2@v.test", name: "Rep Two", role: "acquisition_rep" },
  ]);
  admin = { tenantId: a.ctx.tenantId, userId: String(u1._id), role: "admin" };
  rep = { tenantId: a.ctx.tenantId, userId: String(u2._id), role: "acquisition_rep" };
  rep2 = { tenantId: a.ctx.tenantId, userId: String(u3._id), role: "acquisition_rep" };
  const [o] = await scoped(b.ctx, User).insertMany([{ email: "admin@o.test", name: "Other Admin", role: "admin" }]);
  outsider = { tenantId: b.ctx.tenantId, userId: String(o._id), role: "admin" };
});

const input = (raw: Record<string, unknown>) => createSavedViewSchema.parse(raw);
const sharedView = (name = "Shared A") => createSavedView(rep, input({ name, query: "status=new", visibility: "on" }));

describe("saved views", () => {
  it("lists the built-ins first for everyone", async () => {
    const views = await listSavedViews(rep);
    expect(views.slice(0, 3).map((v) => v.name)).toEqual(["My follow-ups due today", "New and untouched", "Hot (high/urgent)"]);
    expect(views.slice(0, 3).every((v) => v.kind === "builtin" && !v.canEdit)).toBe(true);
  });

  it("lists a person's own views, private and shared, as theirs to edit", async () => {
    await createSavedView(rep, input({ name: "My probate", query: "?tag=probate&sort=name&dir=asc&after=abc&view=builtin:hot" }));
    await createSavedView(rep, input({ name: "Team hot list", query: "priority=urgent", visibility: "on" }));
    const own = await listSavedViews(rep);
    expect(own.filter((v) => v.kind === "mine").map((v) => [v.name, v.visibility, v.canEdit])).toEqual([
      ["My probate", "private", true],
      ["Team hot list", "shared", true],
    ]);
  });

  it("stores a view's query normalised, without the page cursor or the view id", async () => {
    const mine = await createSavedView(rep, input({ name: "My probate", query: "?tag=probate&sort=name&dir=asc&after=abc&view=builtin:hot" }));
    expect((await listSavedViews(rep)).find((v) => v.id === mine.id)?.query).toBe("tag=probate&sort=name&dir=asc");
  });

  it("shows a shared view to a colleague, read-only, with its owner's name", async () => {
    const shared = await createSavedView(rep, input({ name: "Team hot list", query: "priority=urgent", visibility: "on" }));
    const seenByColleague = await listSavedViews(rep2);
    expect(seenByColleague.filter((v) => v.kind !== "builtin").map((v) => [v.name, v.kind, v.ownerName, v.canEdit])).toEqual([["Team hot list", "shared", "Rep One", false]]);
    expect((await getSavedViewOrThrow(rep2, shared.id)).name).toBe("Team hot list");
  });

  it("hides a private view from a colleague, in the list and by its id", async () => {
    const mine = await createSavedView(rep, input({ name: "My probate", query: "tag=probate" }));
    expect((await listSavedViews(rep2)).filter((v) => v.kind !== "builtin")).toEqual([]);
    await expect(getSavedViewOrThrow(rep2, mine.id)).rejects.toThrow(/not found/);
  });

  it("refuses a colleague's change or deletion of a shared view", async () => {
    const { id } = await sharedView();
    await expect(updateSavedView(rep2, { id, name: "Hijacked" })).rejects.toThrow(/Only the person who saved this view/);
    await expect(deleteSavedView(rep2, id)).rejects.toThrow(/Only the person who saved this view/);
  });

  it("lets the owner rename a view and change its query, keeping only list parameters", async () => {
    const { id } = await sharedView();
    await updateSavedView(rep, { id, name: "Shared B", query: "status=contacted&status[$ne]=x" });
    expect(await getSavedViewOrThrow(rep, id)).toMatchObject({ name: "Shared B", query: "status=contacted" });
  });

  it("lets an admin make a shared view private again: then only its owner sees it", async () => {
    const { id } = await sharedView();
    await updateSavedView(admin, { id, visibility: "private" });
    await expect(getSavedViewOrThrow(admin, id)).rejects.toThrow(/not found/);
    expect((await getSavedViewOrThrow(rep, id)).name).toBe("Shared A");
  });

  it("lets the owner delete their view", async () => {
    const { id } = await sharedView();
    await deleteSavedView(rep, id);
    await expect(getSavedViewOrThrow(rep, id)).rejects.toThrow(/not found/);
  });

  it("lets an admin delete someone's shared view", async () => {
    const other = await sharedView("Shared C");
    await deleteSavedView(admin, other.id);
    expect(await scoped(rep, SavedView).countDocuments({ _id: other.id })).toBe(0);
  });

  it("never shows, changes or deletes another tenant's views", async () => {
    const { id } = await createSavedView(rep, input({ name: "Acme only", query: "status=new", visibility: "on" }));
    expect((await listSavedViews(outsider)).filter((v) => v.kind !== "builtin")).toEqual([]);
    await expect(getSavedViewOrThrow(outsider, id)).rejects.toThrow(/not found/);
    await expect(updateSavedView(outsider, { id, name: "Taken" })).rejects.toThrow(/not found/);
    await expect(deleteSavedView(outsider, id)).rejects.toThrow(/not found/);
    expect((await getSavedViewOrThrow(rep, id)).name).toBe("Acme only");
  });

  it("answers an unknown or malformed id with not found", async () => {
    await expect(getSavedViewOrThrow(rep, new Types.ObjectId().toHexString())).rejects.toThrow(/not found/);
    await expect(getSavedViewOrThrow(rep, "not-an-id")).rejects.toThrow(/not found/);
  });

  it("refuses a blank name", () => {
    expect(() => createSavedViewSchema.parse({ name: " ", query: "" })).toThrow(/Name the view/);
  });

  it("refuses a name longer than 60 characters", () => {
    expect(() => createSavedViewSchema.parse({ name: "x".repeat(61), query: "" })).toThrow(/at most 60/);
  });
});
