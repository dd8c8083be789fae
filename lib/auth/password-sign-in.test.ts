// E-mail and password sign-in on the root host: what it proves, what it refuses, and how it
// holds up against injection and guessing.
import mongoose from "mongoose";
import { beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/core/errors";
import { createTenant } from "@/lib/testing/factories";
import { Activity, Tenant, User } from "@/models";
import { passwordSignIn } from "./password-sign-in";
import { createSignInMember, TEST_PASSWORD } from "@/lib/testing/sign-in";

let acme: { id: string; host: string };
let globex: { id: string; host: string };
let ipSeq = 0;
// Each test gets its own client address, so per-IP budgets do not leak between tests.
let ip: string;

beforeEach(async () => {
  const a = await createTenant();
  const g = await createTenant();
  acme = { id: a.ctx.tenantId, host: `${a.tenant.subdomain}.localhost:3000` };
  globex = { id: g.ctx.tenantId, host: `${g.tenant.subdomain}.localhost:3000` };
  ipSeq += 1;
  ip = `198.51.100.${ipSeq}`;
});

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe("password sign-in", () => {
  it("proves every membership whose password this is, and the target's first of all", async () => {
    const email = `dual-${Date.now()}@example.com`;
    const a = await createSignInMember({ tenantId: acme.id }, { email });
    const g = await createSignInMember({ tenantId: globex.id }, { email });
    const claims = await passwordSignIn({ email: email.toUpperCase(), password: TEST_PASSWORD, to: acme.host }, { ip });
    expect(claims).toMatchObject({ typ: "root", email, amr: "password" });
    expect(claims.m).toEqual(expect.arrayContaining([{ t: acme.id, u: a.id, v: 0 }, { t: globex.id, u: g.id, v: 0 }]));
  });

  it("does not prove a membership whose password differs", async () => {
    const email = `split-${Date.now()}@example.com`;
    await createSignInMember({ tenantId: acme.id }, { email });
    await createSignInMember({ tenantId: globex.id }, { email, password: "another-password-entirely" });
    const claims = await passwordSignIn({ email, password: TEST_PASSWORD }, { ip });
    expect(claims.m.map((m) => m.t)).toEqual([acme.id]);
    const err = await failure(passwordSignIn({ email, password: TEST_PASSWORD, to: globex.host }, { ip }));
    expect(err.message).toBe("Wrong e-mail or password.");
  });

  it("refuses an acme member signing in to globex, and logs the attempt in globex", async () => {
    const alice = await createSignInMember({ tenantId: acme.id });
    const err = await failure(passwordSignIn({ email: alice.email, password: TEST_PASSWORD, to: globex.host }, { ip, userAgent: "probe" }));
    expect(err).toMatchObject({ code: "unauthorized", message: "Wrong e-mail or password." });
    const logged = await Activity.findOne({ tenant_id: globex.id, type: "user_sign_in_failed" }).lean();
    expect(logged).toMatchObject({ ip_address: ip, user_agent: "probe", metadata: { email: alice.email, reason: "unknown_email", method: "password" } });
    expect(JSON.stringify(logged)).not.toContain(TEST_PASSWORD);
    expect(await Activity.countDocuments({ tenant_id: acme.id, type: "user_sign_in_failed" }).setOptions({ allTenants: true })).toBe(0);
  });

  it("tells a deactivated member why, but only once their password is right", async () => {
    const gone = await createSignInMember({ tenantId: acme.id }, { isActive: false });
    expect((await failure(passwordSignIn({ email: gone.email, password: "wrong-password-x", to: acme.host }, { ip }))).message).toBe("Wrong e-mail or password.");
    expect((await failure(passwordSignIn({ email: gone.email, password: TEST_PASSWORD, to: acme.host }, { ip }))).message).toMatch(/deactivated/);
  });

  it("refuses unknown and closed workspaces", async () => {
    const m = await createSignInMember({ tenantId: acme.id });
    expect((await failure(passwordSignIn({ email: m.email, password: TEST_PASSWORD, to: "nobody.localhost:3000" }, { ip }))).code).toBe("not_found");
    await Tenant.updateOne({ _id: acme.id }, { $set: { subscription_status: "cancelled" } });
    expect((await failure(passwordSignIn({ email: m.email, password: TEST_PASSWORD, to: acme.host }, { ip }))).message).toBe("This workspace was closed.");
    expect((await failure(passwordSignIn({ email: m.email, password: TEST_PASSWORD }, { ip }))).message).toBe("Wrong e-mail or password.");
  });

  describe("operator injection", () => {
    const operators = [{ $ne: "" }, { $gt: "" }, { $regex: ".*" }, { $exists: true }, ["a@b.co"], 42, null];

    it.each(operators.map((op) => [JSON.stringify(op), op]))("refuses %s in any field before any query runs", async (_label, op) => {
      const m = await createSignInMember({ tenantId: acme.id });
      const queries: string[] = [];
      mongoose.set("debug", (collection: string, method: string) => queries.push(`${collection}.${method}`));
      try {
        for (const input of [
          { email: op, password: TEST_PASSWORD, to: acme.host },
          { email: m.email, password: op, to: acme.host },
          { email: m.email, password: TEST_PASSWORD, to: op },
        ]) {
          const err = await failure(passwordSignIn(input, { ip }));
          expect(err).toMatchObject({ code: "bad_request", message: "Enter your e-mail address and password." });
        }
      } finally {
        mongoose.set("debug", false);
      }
      expect(queries).toEqual([]);
    });
  });

  describe("rate limits", () => {
    it("locks an account in a workspace after 5 failures, even for the right password, and says so", async () => {
      const m = await createSignInMember({ tenantId: acme.id });
      for (let i = 0; i < 5; i++) {
        expect((await failure(passwordSignIn({ email: m.email, password: `guess-${i}-xxxxx`, to: acme.host }, { ip }))).code).toBe("unauthorized");
      }
      const locked = await failure(passwordSignIn({ email: m.email, password: TEST_PASSWORD, to: acme.host }, { ip }));
      expect(locked).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/^Too many failed sign-in attempts\. Please wait 1[45] minutes/) });
      // Another client address does not unlock the account.
      expect((await failure(passwordSignIn({ email: m.email, password: TEST_PASSWORD, to: acme.host }, { ip: "192.0.2.99" }))).code).toBe("rate_limited");
      // The lock is per workspace: the same e-mail elsewhere is not affected.
      const g = await createSignInMember({ tenantId: globex.id, }, { email: m.email });
      expect((await passwordSignIn({ email: m.email, password: TEST_PASSWORD, to: globex.host }, { ip })).m.some((x) => x.u === g.id)).toBe(true);
    });

    it("keeps a workspace's lock when the sign-in names no workspace or another one", async () => {
      const email = `locked-${Date.now()}@example.com`;
      const a = await createSignInMember({ tenantId: acme.id }, { email });
      for (let i = 0; i < 5; i++) await failure(passwordSignIn({ email, password: `guess-${i}-xxxxx`, to: acme.host }, { ip }));
      // Without a target, the right password does not open the locked account: it is refused as such.
      const noTarget = await failure(passwordSignIn({ email, password: TEST_PASSWORD }, { ip: "192.0.2.98" }));
      expect(noTarget).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/^Too many failed sign-in attempts/) });
      // Through another workspace with the same password, the session proves that one only.
      const g = await createSignInMember({ tenantId: globex.id }, { email });
      for (const input of [{ email, password: TEST_PASSWORD, to: globex.host }, { email, password: TEST_PASSWORD }]) {
        const claims = await passwordSignIn(input, { ip });
        expect(claims.m).toEqual([{ t: globex.id, u: g.id, v: 0 }]);
        expect(claims.m.some((m) => m.u === a.id)).toBe(false);
      }
      expect((await failure(passwordSignIn({ email, password: TEST_PASSWORD, to: acme.host }, { ip }))).code).toBe("rate_limited");
    });

    it("counts guesses without a target against every workspace of the e-mail", async () => {
      const email = `untargeted-${Date.now()}@example.com`;
      await createSignInMember({ tenantId: acme.id }, { email });
      await createSignInMember({ tenantId: globex.id }, { email });
      for (let i = 0; i < 5; i++) {
        expect((await failure(passwordSignIn({ email, password: `guess-${i}-xxxxx` }, { ip }))).message).toBe("Wrong e-mail or password.");
      }
      for (const to of [acme.host, globex.host, undefined]) {
        expect((await failure(passwordSignIn({ email, password: TEST_PASSWORD, to }, { ip }))).code).toBe("rate_limited");
      }
    });

    it("locks an e-mail without any account after 5 failures, like one with an account", async () => {
      const email = `ghost-${Date.now()}@example.com`;
      for (let i = 0; i < 5; i++) expect((await failure(passwordSignIn({ email, password: `guess-${i}-xxxxx` }, { ip }))).code).toBe("unauthorized");
      expect((await failure(passwordSignIn({ email, password: `guess-6-xxxxx` }, { ip }))).code).toBe("rate_limited");
    });

    it("a success clears the account's failures", async () => {
      const m = await createSignInMember({ tenantId: acme.id });
      for (let i = 0; i < 4; i++) await failure(passwordSignIn({ email: m.email, password: `guess-${i}-xxxxx`, to: acme.host }, { ip }));
      await passwordSignIn({ email: m.email, password: TEST_PASSWORD, to: acme.host }, { ip });
      for (let i = 0; i < 4; i++) await failure(passwordSignIn({ email: m.email, password: `again-${i}-xxxxx`, to: acme.host }, { ip }));
      expect((await passwordSignIn({ email: m.email, password: TEST_PASSWORD, to: acme.host }, { ip })).email).toBe(m.email);
    });

    it("checks at most 5 passwords of an account however many wrong guesses arrive at once", async () => {
      const m = await createSignInMember({ tenantId: acme.id });
      // 50 guesses in flight together, each from its own address so only the account budget holds them.
      const outcomes = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          failure(passwordSignIn({ email: m.email, password: `guess-${i}-xxxxx`, to: acme.host }, { ip: `10.${ipSeq}.${Math.floor(i / 250)}.${i % 250}` })),
        ),
      );
      // "Wrong e-mail or password" is only said after the password was checked.
      expect(outcomes.filter((e) => e.code === "unauthorized")).toHaveLength(5);
      expect(outcomes.filter((e) => e.code === "rate_limited")).toHaveLength(45);
      const checked = await Activity.countDocuments({ tenant_id: acme.id, type: "user_sign_in_failed", "metadata.email": m.email });
      expect(checked).toBe(5);
      // And the right password stays locked out after them.
      expect((await failure(passwordSignIn({ email: m.email, password: TEST_PASSWORD, to: acme.host }, { ip }))).code).toBe("rate_limited");
    });

    it("checks at most 5 passwords when 50 wrong guesses race from one address", async () => {
      const m = await createSignInMember({ tenantId: acme.id });
      const outcomes = await Promise.all(
        Array.from({ length: 50 }, (_, i) => failure(passwordSignIn({ email: m.email, password: `guess-${i}-xxxxx`, to: acme.host }, { ip }))),
      );
      expect(outcomes.filter((e) => e.code === "unauthorized")).toHaveLength(5);
      expect(await Activity.countDocuments({ tenant_id: acme.id, type: "user_sign_in_failed", "metadata.email": m.email })).toBe(5);
    });

    it("locks a client address after 30 failures across accounts", async () => {
      for (let i = 0; i < 30; i++) {
        await failure(passwordSignIn({ email: `nobody${i}@example.com`, password: "whatever-password", to: acme.host }, { ip }));
      }
      const m = await createSignInMember({ tenantId: acme.id });
      expect((await failure(passwordSignIn({ email: m.email, password: TEST_PASSWORD, to: acme.host }, { ip }))).code).toBe("rate_limited");
      expect((await passwordSignIn({ email: m.email, password: TEST_PASSWORD, to: acme.host }, { ip: "203.0.113.200" })).email).toBe(m.email);
    });
  });

  it("never stores the password in clear", async () => {
    const m = await createSignInMember({ tenantId: acme.id });
    const stored = await User.findById(m.id).select("+password_hash").setOptions({ allTenants: true }).lean();
    expect(stored!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(JSON.stringify(stored)).not.toContain(TEST_PASSWORD);
  });
});
