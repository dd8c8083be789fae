import { Types } from "mongoose";
import { beforeAll, describe, expect, it } from "vitest";
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

beforeAll(async () => {
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

describe("saved views", () => {
  it("lists the built-ins first for everyone", async () => {
    const views = await listSavedViews(rep);
    expect(views.slice(0, 3).map((v) => v.name)).toEqual(["My follow-ups due today", "New and untouched", "Hot (high/urgent)"]);
    expect(views.slice(0, 3).every((v) => v.kind === "builtin" && !v.canEdit)).toBe(true);
  });

  it("keeps a private view to its owner and shows a shared one to the whole tenant", async () => {
    const mine = await createSavedView(rep, input({ name: "My probate", query: "?tag=probate&sort=name&dir=asc&after=abc&view=builtin:hot" }));
    const shared = await createSavedView(rep, input({ name: "Team hot list", query: "priority=urgent", visibility: "on" }));

    const own = await listSavedViews(rep);
    expect(own.filter((v) => v.kind === "mine").map((v) => [v.name, v.visibility, v.canEdit])).toEqual([
      ["My probate", "private", true],
      ["Team hot list", "shared", true],
    ]);
    // Stored normalised: no cursor, no view id.
    expect(own.find((v) => v.id === mine.id)?.query).toBe("tag=probate&sort=name&dir=asc");

    const seenByColleague = await listSavedViews(rep2);
    expect(seenByColleague.filter((v) => v.kind !== "builtin").map((v) => [v.name, v.kind, v.ownerName, v.canEdit])).toEqual([["Team hot list", "shared", "Rep One", false]]);
    await expect(getSavedViewOrThrow(rep2, mine.id)).rejects.toThrow(/not found/);
    expect((await getSavedViewOrThrow(rep2, shared.id)).name).toBe("Team hot list");
  });

  it("lets only the owner or an admin change or delete a view", async () => {
    const { id } = await createSavedView(rep, input({ name: "Shared A", query: "status=new", visibility: "on" }));
    await expect(updateSavedView(rep2, { id, name: "Hijacked" })).rejects.toThrow(/Only the person who saved this view/);
    await expect(deleteSavedView(rep2, id)).rejects.toThrow(/Only the person who saved this view/);
    await updateSavedView(rep, { id, name: "Shared B", query: "status=contacted&status[$ne]=x" });
    expect(await getSavedViewOrThrow(rep, id)).toMatchObject({ name: "Shared B", query: "status=contacted" });
    await updateSavedView(admin, { id, visibility: "private" });
    // Now private to its owner: the admin no longer sees it, the owner still does.
    await expect(getSavedViewOrThrow(admin, id)).rejects.toThrow(/not found/);
    await deleteSavedView(rep, id);
    await expect(getSavedViewOrThrow(rep, id)).rejects.toThrow(/not found/);

    const other = await createSavedView(rep, input({ name: "Shared C", query: "", visibility: "on" }));
    await deleteSavedView(admin, other.id);
    expect(await scoped(rep, SavedView).countDocuments({ _id: other.id })).toBe(0);
  });

  it("never shows or changes another tenant's views", async () => {
    const { id } = await createSavedView(rep, input({ name: "Acme only", query: "status=new", visibility: "on" }));
    expect((await listSavedViews(outsider)).filter((v) => v.kind !== "builtin")).toEqual([]);
    await expect(getSavedViewOrThrow(outsider, id)).rejects.toThrow(/not found/);
    await expect(updateSavedView(outsider, { id, name: "Taken" })).rejects.toThrow(/not found/);
    await expect(deleteSavedView(outsider, id)).rejects.toThrow(/not found/);
    expect((await getSavedViewOrThrow(rep, id)).name).toBe("Acme only");
    await expect(getSavedViewOrThrow(rep, new Types.ObjectId().toHexString())).rejects.toThrow(/not found/);
    await expect(getSavedViewOrThrow(rep, "not-an-id")).rejects.toThrow(/not found/);
  });

  it("validates names", () => {
    expect(() => createSavedViewSchema.parse({ name: " ", query: "" })).toThrow(/Name the view/);
    expect(() => createSavedViewSchema.parse({ name: "x".repeat(61), query: "" })).toThrow(/at most 60/);
  });
});
