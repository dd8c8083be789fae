// E-mail and password sign-in on the root host: what it proves, what it refuses, and how it
// holds up against injection and guessing.
import { randomInt, randomUUID } from "node:crypto";
import mongoose from "mongoose";
import { beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/core/errors";
import { createTenant } from "@/lib/testing/factories";
import { Activity, Tenant, User } from "@/models";
import { passwordSignIn } from "./password-sign-in";
import { createSignInMember, TEST_PASSWORD } from "@/lib/testing/sign-in";

let acme: { id: string; host: string };
let globex: { id: string; host: string };
// Failure counters live in Redis and outlast a test (and a run): every test signs in from
// addresses and with e-mails of its own, so no budget is shared between tests in any order.
const freshIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const freshEmail = (prefix: string) => `${prefix}-${randomUUID()}@example.com`;
let ip: string;

beforeEach(async () => {
  const a = await createTenant();
  const g = await createTenant();
  acme = { id: a.ctx.tenantId, host: `${a.tenant.subdomain}.localhost:3000` };
  globex = { id: g.ctx.tenantId, host: `${g.tenant.subdomain}.localhost:3000` };
  ip = freshIp();
});

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

/** Five wrong passwords for `email` aimed at `to` (or at no workspace), each refused as wrong. */
async function guessFiveTimes(email: string, to?: string) {
  for (let i = 0; i < 5; i++) {
    expect((await failure(passwordSignIn({ email, password: `guess-${i}-xxxxx`, to }, { ip }))).message).toBe("Wrong e-mail or password.");
  }
}

describe("password sign-in", () => {
  it("proves every membership whose password this is, including the target's", async () => {
    const email = freshEmail("dual");
    const a = await createSignInMember({ tenantId: acme.id }, { email });
    const g = await createSignInMember({ tenantId: globex.id }, { email });
    const claims = await passwordSignIn({ email, password: TEST_PASSWORD, to: acme.host }, { ip });
    expect(claims.m).toEqual(expect.arrayContaining([{ t: acme.id, u: a.id, v: 0 }, { t: globex.id, u: g.id, v: 0 }]));
  });

  it("reads the e-mail whatever its case, and answers a root password session for it", async () => {
    const email = freshEmail("case");
    await createSignInMember({ tenantId: acme.id }, { email });
    const claims = await passwordSignIn({ email: email.toUpperCase(), password: TEST_PASSWORD, to: acme.host }, { ip });
    expect(claims).toMatchObject({ typ: "root", email, amr: "password" });
  });

  it("leaves out a membership whose password differs", async () => {
    const email = freshEmail("split");
    await createSignInMember({ tenantId: acme.id }, { email });
    await createSignInMember({ tenantId: globex.id }, { email, password: "another-password-entirely" });
    const claims = await passwordSignIn({ email, password: TEST_PASSWORD }, { ip });
    expect(claims.m.map((m) => m.t)).toEqual([acme.id]);
  });

  it("refuses a workspace whose membership has another password, though another membership has this one", async () => {
    const email = freshEmail("split");
    await createSignInMember({ tenantId: acme.id }, { email });
    await createSignInMember({ tenantId: globex.id }, { email, password: "another-password-entirely" });
    const err = await failure(passwordSignIn({ email, password: TEST_PASSWORD, to: globex.host }, { ip }));
    expect(err.message).toBe("Wrong e-mail or password.");
  });

  describe("an acme member signing in to globex", () => {
    it("is refused as a wrong e-mail or password", async () => {
      const alice = await createSignInMember({ tenantId: acme.id });
      const err = await failure(passwordSignIn({ email: alice.email, password: TEST_PASSWORD, to: globex.host }, { ip, userAgent: "probe" }));
      expect(err).toMatchObject({ code: "unauthorized", message: "Wrong e-mail or password." });
    });

    it("is logged in globex as an unknown e-mail, with address and browser but never the password", async () => {
      const alice = await createSignInMember({ tenantId: acme.id });
      await failure(passwordSignIn({ email: alice.email, password: TEST_PASSWORD, to: globex.host }, { ip, userAgent: "probe" }));
      const logged = await Activity.findOne({ tenant_id: globex.id, type: "user_sign_in_failed" }).lean();
      expect(logged).toMatchObject({ ip_address: ip, user_agent: "probe", metadata: { email: alice.email, reason: "unknown_email", method: "password" } });
      expect(JSON.stringify(logged)).not.toContain(TEST_PASSWORD);
    });

    it("is not logged in acme", async () => {
      const alice = await createSignInMember({ tenantId: acme.id });
      await failure(passwordSignIn({ email: alice.email, password: TEST_PASSWORD, to: globex.host }, { ip, userAgent: "probe" }));
      expect(await Activity.countDocuments({ tenant_id: acme.id, type: "user_sign_in_failed" }).setOptions({ allTenants: true })).toBe(0);
    });
  });

  describe("a deactivated member", () => {
    it("with a wrong password is told only that the e-mail or password is wrong", async () => {
      const gone = await createSignInMember({ tenantId: acme.id }, { isActive: false });
      expect((await failure(passwordSignIn({ email: gone.email, password: "wrong-password-x", to: acme.host }, { ip }))).message).toBe("Wrong e-mail or password.");
    });

    it("with the right password is told the account was deactivated", async () => {
      const gone = await createSignInMember({ tenantId: acme.id }, { isActive: false });
      expect((await failure(passwordSignIn({ email: gone.email, password: TEST_PASSWORD, to: acme.host }, { ip }))).message).toMatch(/deactivated/);
    });
  });

  describe("closed and unknown workspaces", () => {
    it("answers not found for a workspace that does not exist", async () => {
      const m = await createSignInMember({ tenantId: acme.id });
      expect((await failure(passwordSignIn({ email: m.email, password: TEST_PASSWORD, to: "nobody.localhost:3000" }, { ip }))).code).toBe("not_found");
    });

    it("says a closed workspace was closed", async () => {
      const m = await createSignInMember({ tenantId: acme.id });
      await Tenant.updateOne({ _id: acme.id }, { $set: { subscription_status: "cancelled" } });
      expect((await failure(passwordSignIn({ email: m.email, password: TEST_PASSWORD, to: acme.host }, { ip }))).message).toBe("This workspace was closed.");
    });

    it("proves no membership of a closed workspace when the sign-in names none", async () => {
      const m = await createSignInMember({ tenantId: acme.id });
      await Tenant.updateOne({ _id: acme.id }, { $set: { subscription_status: "cancelled" } });
      expect((await failure(passwordSignIn({ email: m.email, password: TEST_PASSWORD }, { ip }))).message).toBe("Wrong e-mail or password.");
    });
  });

  describe("operator injection", () => {
    const operators = [{ $ne: "" }, { $gt: "" }, { $regex: ".*" }, { $exists: true }, ["a@b.co"], 42, null];
    const fields = ["email", "password", "to"] as const;
    const cases = fields.flatMap((field) => operators.map((op) => [JSON.stringify(op), field, op] as const));

    it.each(cases)("refuses %s as the %s before any query runs", async (_label, field, op) => {
      const m = await createSignInMember({ tenantId: acme.id });
      const input = { email: m.email, password: TEST_PASSWORD, to: acme.host, [field]: op };
      const queries: string[] = [];
      mongoose.set("debug", (collection: string, method: string) => queries.push(`${collection}.${method}`));
      try {
        const err = await failure(passwordSignIn(input, { ip }));
        expect(err).toMatchObject({ code: "bad_request", message: "Enter your e-mail address and password." });
      } finally {
        mongoose.set("debug", false);
      }
      expect(queries).toEqual([]);
    });
  });

  describe("rate limits", () => {
    describe("an account in a workspace, after 5 failures", () => {
      it("is locked even for the right password, and the member is told how long", async () => {
        const m = await createSignInMember({ tenantId: acme.id });
        await guessFiveTimes(m.email, acme.host);
        const locked = await failure(passwordSignIn({ email: m.email, password: TEST_PASSWORD, to: acme.host }, { ip }));
        expect(locked).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/^Too many failed sign-in attempts\. Please wait 1[45] minutes/) });
      });

      it("stays locked from another client address", async () => {
        const m = await createSignInMember({ tenantId: acme.id });
        await guessFiveTimes(m.email, acme.host);
        expect((await failure(passwordSignIn({ email: m.email, password: TEST_PASSWORD, to: acme.host }, { ip: freshIp() }))).code).toBe("rate_limited");
      });

      it("does not lock the same e-mail in another workspace", async () => {
        const m = await createSignInMember({ tenantId: acme.id });
        await guessFiveTimes(m.email, acme.host);
        const g = await createSignInMember({ tenantId: globex.id }, { email: m.email });
        expect((await passwordSignIn({ email: m.email, password: TEST_PASSWORD, to: globex.host }, { ip })).m.some((x) => x.u === g.id)).toBe(true);
      });

      it("stays locked when the sign-in names no workspace", async () => {
        const email = freshEmail("locked");
        await createSignInMember({ tenantId: acme.id }, { email });
        await guessFiveTimes(email, acme.host);
        // Without a target, the right password does not open the locked account: it is refused as such.
        const noTarget = await failure(passwordSignIn({ email, password: TEST_PASSWORD }, { ip: freshIp() }));
        expect(noTarget).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/^Too many failed sign-in attempts/) });
      });

      it.each([
        ["names the other workspace", true],
        ["names no workspace", false],
      ])("is left out of the session when a sign-in that %s succeeds", async (_label, targeted) => {
        const email = freshEmail("locked");
        const a = await createSignInMember({ tenantId: acme.id }, { email });
        await guessFiveTimes(email, acme.host);
        const g = await createSignInMember({ tenantId: globex.id }, { email });
        const claims = await passwordSignIn({ email, password: TEST_PASSWORD, ...(targeted ? { to: globex.host } : {}) }, { ip });
        expect(claims.m).toEqual([{ t: globex.id, u: g.id, v: 0 }]);
        expect(claims.m.some((m) => m.u === a.id)).toBe(false);
      });

      it("stays locked after sign-ins to the other workspace succeed", async () => {
        const email = freshEmail("locked");
        await createSignInMember({ tenantId: acme.id }, { email });
        await guessFiveTimes(email, acme.host);
        await createSignInMember({ tenantId: globex.id }, { email });
        await passwordSignIn({ email, password: TEST_PASSWORD, to: globex.host }, { ip });
        await passwordSignIn({ email, password: TEST_PASSWORD }, { ip });
        expect((await failure(passwordSignIn({ email, password: TEST_PASSWORD, to: acme.host }, { ip }))).code).toBe("rate_limited");
      });
    });

    it.each([
      ["the first workspace", () => acme.host],
      ["the second workspace", () => globex.host],
      ["no workspace", () => undefined],
    ])("counts 5 guesses without a target against every workspace of the e-mail: %s is locked", async (_label, target) => {
      const email = freshEmail("untargeted");
      await createSignInMember({ tenantId: acme.id }, { email });
      await createSignInMember({ tenantId: globex.id }, { email });
      await guessFiveTimes(email);
      expect((await failure(passwordSignIn({ email, password: TEST_PASSWORD, to: target() }, { ip }))).code).toBe("rate_limited");
    });

    it("locks an e-mail without any account after 5 failures, like one with an account", async () => {
      const email = freshEmail("ghost");
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

    describe("50 wrong guesses in flight together, each from its own address", () => {
      // Each from its own address so only the account budget holds them.
      const burst = async (email: string) => {
        const net = `172.${16 + randomInt(16)}.${randomInt(256)}`;
        return Promise.all(
          Array.from({ length: 50 }, (_, i) => failure(passwordSignIn({ email, password: `guess-${i}-xxxxx`, to: acme.host }, { ip: `${net}.${i + 1}` }))),
        );
      };

      it("check at most 5 passwords of the account", async () => {
        const m = await createSignInMember({ tenantId: acme.id });
        const outcomes = await burst(m.email);
        // "Wrong e-mail or password" is only said after the password was checked.
        expect(outcomes.filter((e) => e.code === "unauthorized")).toHaveLength(5);
        expect(outcomes.filter((e) => e.code === "rate_limited")).toHaveLength(45);
        const checked = await Activity.countDocuments({ tenant_id: acme.id, type: "user_sign_in_failed", "metadata.email": m.email });
        expect(checked).toBe(5);
      });

      it("leave the right password locked out after them", async () => {
        const m = await createSignInMember({ tenantId: acme.id });
        await burst(m.email);
        expect((await failure(passwordSignIn({ email: m.email, password: TEST_PASSWORD, to: acme.host }, { ip }))).code).toBe("rate_limited");
      });
    });

    it("checks at most 5 passwords when 50 wrong guesses race from one address", async () => {
      const m = await createSignInMember({ tenantId: acme.id });
      const outcomes = await Promise.all(
        Array.from({ length: 50 }, (_, i) => failure(passwordSignIn({ email: m.email, password: `guess-${i}-xxxxx`, to: acme.host }, { ip }))),
      );
      expect(outcomes.filter((e) => e.code === "unauthorized")).toHaveLength(5);
      expect(await Activity.countDocuments({ tenant_id: acme.id, type: "user_sign_in_failed", "metadata.email": m.email })).toBe(5);
    });

    describe("a client address after 30 failures across accounts", () => {
      const failThirtyTimes = async () => {
        for (let i = 0; i < 30; i++) {
          await failure(passwordSignIn({ email: freshEmail(`nobody${i}`), password: "whatever-password", to: acme.host }, { ip }));
        }
      };

      it("is locked, even for a member's right password", async () => {
        await failThirtyTimes();
        const m = await createSignInMember({ tenantId: acme.id });
        expect((await failure(passwordSignIn({ email: m.email, password: TEST_PASSWORD, to: acme.host }, { ip }))).code).toBe("rate_limited");
      });

      it("does not lock the member out from another address", async () => {
        await failThirtyTimes();
        const m = await createSignInMember({ tenantId: acme.id });
        expect((await passwordSignIn({ email: m.email, password: TEST_PASSWORD, to: acme.host }, { ip: freshIp() })).email).toBe(m.email);
      });
    });
  });

  it("never stores the password in clear", async () => {
    const m = await createSignInMember({ tenantId: acme.id });
    const stored = await User.findById(m.id).select("+password_hash").setOptions({ allTenants: true }).lean();
    expect(stored!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(JSON.stringify(stored)).not.toContain(TEST_PASSWORD);
  });
});
