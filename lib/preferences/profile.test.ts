import { beforeEach, describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { SIGN_IN_ACCOUNT } from "@/lib/core/rate-limit/sign-in-limits";
import { createMember } from "@/lib/team/testing";
import { createTenant } from "@/lib/testing/factories";
import { User } from "@/models";
import { changeMyPassword } from "./change-password";
import { defaultViewPath, getMyProfile, landingRedirect, updateMyProfile } from "./profile";
import { profileSchema } from "./schemas";

let me: TenantContext;
const fail = (p: Promise<unknown>) => p.then(() => null, (e: AppError) => e);

beforeEach(async () => {
  const tenant = await createTenant();
  me = (await createMember(tenant.ctx, "acquisition_rep", { password_hash: await hashPassword("old-password-123") })).ctx;
});

describe("profile and preferences", () => {
  it("starts from the defaults and saves only the user's own document", async () => {
    const other = await createMember(me, "acquisition_rep", { name: "Someone Else" });
    expect(await getMyProfile(me)).toMatchObject({ theme: "auto", defaultView: "dashboard", notifications: { email: true, sms: false, push: true }, hasPassword: true });
    expect(await defaultViewPath(me)).toBeNull();

    const input = profileSchema.parse({ name: " Jo Rep ", phone: "(555) 201-3344", theme: "dark", notify_sms: "on", default_view: "leads" });
    await updateMyProfile(me, input);
    expect(await getMyProfile(me)).toMatchObject({
      name: "Jo Rep",
      phone: "+15552013344",
      theme: "dark",
      notifications: { email: false, sms: true, push: false },
      defaultView: "leads",
    });
    expect(await defaultViewPath(me)).toBe("/leads");
    expect((await scoped(me, User).findById(other.ctx.userId).lean())?.name).toBe("Someone Else");

    await updateMyProfile(me, profileSchema.parse({ name: "Jo Rep", phone: "", theme: "light", default_view: "dashboard" }));
    expect((await getMyProfile(me)).phone).toBeNull();
    expect(await defaultViewPath(me)).toBeNull();
    expect(await defaultViewPath({ tenantId: me.tenantId })).toBeNull();
  });

  it("reports every invalid field", () => {
    const res = profileSchema.safeParse({ name: "", phone: "12", theme: "neon", default_view: "inbox" });
    expect(res.success).toBe(false);
    expect(res.error!.issues.map((i) => i.path[0]).sort()).toEqual(["default_view", "name", "phone", "theme"]);
  });

  it("changes the password only with the current one", async () => {
    expect((await fail(changeMyPassword(me, { current: "wrong-password", next: "new-password-456" })))?.fieldErrors?.current).toBeDefined();
    expect((await fail(changeMyPassword(me, { next: "new-password-456" })))?.fieldErrors?.current).toBeDefined();
    await changeMyPassword(me, { current: "old-password-123", next: "new-password-456" });
    const user = await scoped(me, User).findById(me.userId).select("+password_hash").lean();
    expect(await verifyPassword(user!.password_hash!, "new-password-456")).toBe(true);
  });

  it("ends the user's other sessions by moving their session version on", async () => {
    const before = (await scoped(me, User).findById(me.userId).lean())!.session_version ?? 0;
    const { sessionVersion } = await changeMyPassword(me, { current: "old-password-123", next: "new-password-456" });
    expect(sessionVersion).toBe(before + 1);
    expect((await scoped(me, User).findById(me.userId).lean())!.session_version).toBe(before + 1);
  });

  it("stops checking the current password after as many wrong guesses as sign-in allows", async () => {
    for (let i = 0; i < SIGN_IN_ACCOUNT.max; i++) {
      expect((await fail(changeMyPassword(me, { current: `guess-${i}-password`, next: "new-password-456" })))?.code).toBe("bad_request");
    }
    const locked = await fail(changeMyPassword(me, { current: "old-password-123", next: "new-password-456" }));
    expect(locked?.code).toBe("rate_limited");
    expect(locked?.message).toMatch(/Too many failed/);
    const user = await scoped(me, User).findById(me.userId).select("+password_hash").lean();
    expect(await verifyPassword(user!.password_hash!, "old-password-123")).toBe(true);
  });

  it("checks the current password at most 5 times when 30 wrong guesses arrive at once", async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) => fail(changeMyPassword({ ...me, ip: `10.9.0.${i}` }, { current: `guess-${i}-password`, next: "new-password-456" }))),
    );
    // "not right" is only said after the password was checked.
    expect(outcomes.filter((e) => e?.code === "bad_request")).toHaveLength(SIGN_IN_ACCOUNT.max);
    expect(outcomes.filter((e) => e?.code === "rate_limited")).toHaveLength(30 - SIGN_IN_ACCOUNT.max);
  });

  it("lets a Google-only user set a first password", async () => {
    const g = await createMember(me, "disposition_manager", { google_id: "g-1" });
    expect((await getMyProfile(g.ctx)).hasPassword).toBe(false);
    await changeMyPassword(g.ctx, { next: "first-password-1" });
    expect((await getMyProfile(g.ctx)).hasPassword).toBe(true);
  });

  it("needs a signed-in user", async () => {
    expect((await fail(getMyProfile({ tenantId: me.tenantId })))?.code).toBe("unauthorized");
  });
});

describe("landing redirect", () => {
  it("sends arrivals to the default view and keeps in-app visits on the dashboard", async () => {
    await updateMyProfile(me, profileSchema.parse({ name: "Jo", theme: "auto", default_view: "leads" }));
    expect(await landingRedirect(me, { secFetchSite: "none" })).toBe("/leads");
    expect(await landingRedirect(me, { secFetchSite: "same-site" })).toBe("/leads");
    expect(await landingRedirect(me, { secFetchSite: "same-origin" })).toBeNull();
    expect(await landingRedirect(me, { secFetchSite: "none", view: "dashboard" })).toBeNull();
    expect(await landingRedirect(me, {})).toBeNull();
  });
});

describe("start pages that are not built", () => {
  it("opens the dashboard for a start page stored as buyers, and offers only pages that work", async () => {
    // As the demo disposition manager is seeded: buyers is not built, so no placeholder after sign-in.
    await scoped(me, User).updateOne({ _id: me.userId }, { $set: { "preferences.default_view": "buyers" } });
    expect(await defaultViewPath(me)).toBeNull();
    expect(await landingRedirect(me, { secFetchSite: "same-site" })).toBeNull();
    const res = profileSchema.safeParse({ name: "Jo", theme: "auto", default_view: "buyers" });
    expect(res.success).toBe(false);
    expect(res.error!.issues.map((i) => i.path[0])).toEqual(["default_view"]);
  });
});
