import { describe, expect, it } from "vitest";
import { createTenant } from "@/lib/testing/factories";
import { MailMessage } from "@/models";
import { listOutbox } from "./outbox";

// mail_outbox is read outside the tenant guard (mail without a company, sign-up's, lives there too).
describe("the mail outbox", () => {
  it("lists a company's own mail only", async () => {
    const { ctx: a } = await createTenant();
    const { ctx: b } = await createTenant();
    await MailMessage.create({ tenant_id: a.tenantId, to: "a@x.com", subject: "For A", text: "a" });
    await MailMessage.create({ tenant_id: b.tenantId, to: "b@x.com", subject: "For B", text: "b" });
    await MailMessage.create({ to: "signup@x.com", subject: "No company", text: "c" });
    expect((await listOutbox(a)).map((m) => m.subject)).toEqual(["For A"]);
  });
});
