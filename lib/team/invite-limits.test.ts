// Invitations send e-mail to people outside the company, with words the company chose: each
// invitation and resend is paid for per workspace, per inviting member and per recipient address,
// and a refused one leaves nothing behind (no invitation row, no mail).
import { beforeEach, describe, expect, it } from "vitest";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { RECIPIENT_LIMITS, SEND_KINDS } from "@/lib/core/rate-limit/send-limits";
import { createTenant } from "@/lib/testing/factories";
import { Invite, MailMessage, Tenant } from "@/models";
import { inviteMember } from "./invite-member";
import { resendInvite } from "./manage-invites";
import { createMember } from "./testing";

let tenantId: string;
let admin: TenantContext;
let run = 0;

beforeEach(async () => {
  const { ctx } = await createTenant();
  tenantId = ctx.tenantId;
  // Enough seats that only the sending limits can refuse.
  await Tenant.updateOne({ _id: tenantId }, { $set: { max_users: 10_000 } });
  admin = (await createMember(ctx, "admin")).ctx;
  run += 1;
});

/** A fresh address per test and index: the recipient budget spans workspaces and tests. */
const address = (label: string, i = 0) => `${label}-${run}-${i}-${Date.now()}@outside.example.com`;

async function outcome(p: Promise<unknown>): Promise<"sent" | AppError> {
  return p.then(
    () => "sent" as const,
    (e) => {
      if (!(e instanceof AppError)) throw e;
      return e;
    },
  );
}

const mailsTo = (to: string) => MailMessage.countDocuments({ to });
const mailsOf = (id: string) => MailMessage.countDocuments({ tenant_id: id });

describe("invitation sending limits", () => {
  it("lets one member send 20 of 100 simultaneous invitations; the rest are refused with a clear message and leave nothing", async () => {
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => outcome(inviteMember(admin, { email: address("burst", i), role: "acquisition_rep" }))));
    const max = SEND_KINDS.invite.sender[0].max;
    expect(results.filter((r) => r === "sent")).toHaveLength(max);
    const refused = results.filter((r): r is AppError => r !== "sent");
    expect(refused).toHaveLength(100 - max);
    for (const err of refused) {
      expect(err.code).toBe("rate_limited");
      expect(err.message).toMatch(/^You have sent too many invitations; try again in (5[89]|60) minutes\.$/);
    }
    expect(await Invite.countDocuments({ tenant_id: tenantId })).toBe(max);
    expect(await mailsOf(tenantId)).toBe(max);
  });

  it("caps the workspace across its admins", async () => {
    const admins = [admin, (await createMember({ tenantId }, "admin")).ctx, (await createMember({ tenantId }, "admin")).ctx];
    const results: ("sent" | AppError)[] = [];
    for (const [a, who] of admins.entries()) {
      for (let i = 0; i < 20; i++) results.push(await outcome(inviteMember(who, { email: address(`team${a}`, i), role: "acquisition_rep" })));
    }
    const max = SEND_KINDS.invite.workspace[0].max;
    expect(results.filter((r) => r === "sent")).toHaveLength(max);
    expect((results.at(-1) as AppError).message).toMatch(/^This workspace has sent too many invitations; try again in \d+ minutes\.$/);
    expect(await mailsOf(tenantId)).toBe(max);
  });

  it("sends one invitation's address at most 3 e-mails an hour, however many resends are asked for", async () => {
    const to = address("resent");
    const { inviteId, token } = await inviteMember(admin, { email: to, role: "acquisition_rep" });
    const results: ("sent" | AppError)[] = [];
    for (let i = 0; i < 100; i++) results.push(await outcome(resendInvite(admin, inviteId)));
    const max = RECIPIENT_LIMITS.email[0].max;
    expect(results.filter((r) => r === "sent")).toHaveLength(max - 1);
    expect((results.at(-1) as AppError).message).toBe(`Too many e-mails were sent to ${to} recently; try again in 60 minutes.`);
    expect(await mailsTo(to)).toBe(max);
    // The refused resends left the invitation as the last one sent it.
    const invite = await Invite.findById(inviteId).setOptions({ allTenants: true }).lean();
    expect(invite?.sent_count).toBe(max);
    expect(token).toBeTruthy();
  });

  it("counts every spelling of one mailbox as one recipient: case, +tags and Gmail's dots", async () => {
    const local = `spelled${run}x${Date.now()}`;
    const max = RECIPIENT_LIMITS.email[0].max;
    const spellings = [`${local}+1@outside.example.com`, `${local.toUpperCase()}+two@Outside.Example.com`, `${local}+3@outside.example.com`, `${local}@outside.example.com`, `${local}+5@outside.example.com`];
    const results: ("sent" | AppError)[] = [];
    for (const email of spellings) results.push(await outcome(inviteMember(admin, { email, role: "acquisition_rep" })));
    expect(results.slice(0, max)).toEqual(Array(max).fill("sent"));
    expect(results.slice(max)).toEqual(spellings.slice(max).map(() => expect.objectContaining({ code: "rate_limited", message: expect.stringMatching(/^Too many e-mails were sent to .+ recently; try again in \d+ minutes\.$/) })));
    expect(await Invite.countDocuments({ tenant_id: tenantId })).toBe(max);

    const gmail = [`${local}.a@gmail.com`, `${local.slice(0, 3)}.${local.slice(3)}a@gmail.com`, `${local}a+x@googlemail.com`, `${local}a@gmail.com`];
    const other: ("sent" | AppError)[] = [];
    for (const email of gmail) other.push(await outcome(inviteMember(admin, { email, role: "acquisition_rep" })));
    expect(other.map((r) => (r === "sent" ? r : r.code))).toEqual([...Array(max).fill("sent"), "rate_limited"]);
  });

  it("counts an address's e-mails across workspaces: another company cannot keep mailing the same stranger", async () => {
    const to = address("stranger");
    const max = RECIPIENT_LIMITS.email[0].max;
    for (let i = 0; i < max; i++) {
      const other = await createTenant();
      expect(await outcome(inviteMember((await createMember(other.ctx, "admin")).ctx, { email: to, role: "acquisition_rep" }))).toBe("sent");
    }
    const refused = await outcome(inviteMember(admin, { email: to, role: "acquisition_rep" }));
    expect(refused).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/^Too many e-mails were sent to .+ recently; try again in \d+ minutes\.$/) });
    expect(await Invite.countDocuments({ tenant_id: tenantId })).toBe(0);
    expect(await mailsTo(to)).toBe(max);
  });
});
