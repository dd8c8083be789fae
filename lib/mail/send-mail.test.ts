import { createServer, type AddressInfo, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenant } from "@/lib/testing/factories";
import { MailMessage } from "@/models";
import { listOutbox, outboxInUse } from "./outbox";
import { reserveSend } from "@/lib/core/rate-limit/send-limits";
import { mailTransport, sendMail } from "./send-mail";

/** A minimal SMTP server on loopback that keeps what it receives (no TLS, no auth). */
function startSmtpServer(): Promise<{ server: Server; port: number; received: { from: string; to: string[]; data: string }[] }> {
  const received: { from: string; to: string[]; data: string }[] = [];
  const server = createServer((socket) => {
    let buffer = "";
    let mail = { from: "", to: [] as string[], data: "" };
    let inData = false;
    socket.write("220 test SMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      while (true) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          mail.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          received.push(mail);
          mail = { from: "", to: [], data: "" };
          socket.write("250 OK queued\r\n");
          continue;
        }
        const nl = buffer.indexOf("\r\n");
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250 test\r\n");
        else if (verb === "MAIL") (mail.from = line.slice(10)), socket.write("250 OK\r\n");
        else if (verb === "RCPT") mail.to.push(line.slice(8)), socket.write("250 OK\r\n");
        else if (verb === "DATA") (inData = true), socket.write("354 go ahead\r\n");
        else if (verb === "QUIT") socket.end("221 bye\r\n");
        else socket.write("250 OK\r\n");
      }
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as AddressInfo).port, received })));
}

describe("mail transport", () => {
  it("keeps mail in the outbox of its company when no SMTP server is configured", async () => {
    delete process.env.SMTP_URL;
    expect(outboxInUse()).toBe(true);
    const a = await createTenant();
    const b = await createTenant();
    await sendMail(await reserveSend({ kind: "invite", tenantId: a.ctx.tenantId, to: "x@example.com" }), { subject: "Hello A", text: "for a" });
    await sendMail(await reserveSend({ kind: "invite", tenantId: b.ctx.tenantId, to: "y@example.com" }), { subject: "Hello B", text: "for b" });
    expect((await listOutbox(a.ctx)).map((m) => m.subject)).toEqual(["Hello A"]);
    expect((await listOutbox(b.ctx)).map((m) => m.subject)).toEqual(["Hello B"]);
  });

  describe("over SMTP", () => {
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    beforeAll(async () => {
      smtp = await startSmtpServer();
      process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
      process.env.MAIL_FROM = "Acme CRM <crm@example.com>";
    });
    afterAll(() => {
      delete process.env.SMTP_URL;
      delete process.env.MAIL_FROM;
      smtp.server.close();
    });

    it("sends through the SMTP server SMTP_URL names, and keeps nothing in the outbox", async () => {
      expect(mailTransport().kind).toBe("smtp");
      const before = await MailMessage.countDocuments({});
      await sendMail(await reserveSend({ kind: "invite", to: "person@example.com" }), { subject: "Join Acme", text: "Accept: http://acme.localhost/invite/abc", html: "<p>Accept</p>" });
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0].from).toContain("crm@example.com");
      expect(smtp.received[0].to[0]).toContain("person@example.com");
      expect(smtp.received[0].data).toContain("Subject: Join Acme");
      expect(smtp.received[0].data).toContain("http://acme.localhost/invite/abc");
      expect(await MailMessage.countDocuments({})).toBe(before);
    });
  });
});

describe("send permits", () => {
  it("sends nothing without an unused permit from reserveSend", async () => {
    delete process.env.SMTP_URL;
    const a = await createTenant();
    const permit = await reserveSend({ kind: "invite", tenantId: a.ctx.tenantId, to: "once@example.com" });
    await sendMail(permit, { subject: "First", text: "once" });
    await expect(sendMail(permit, { subject: "Again", text: "twice" })).rejects.toThrow(/no unused permit/);
    const forged = { kind: "invite", channel: "email", to: "victim@example.com", tenantId: a.ctx.tenantId } as const;
    await expect(sendMail(forged, { subject: "Forged", text: "no" })).rejects.toThrow(/no unused permit/);
    expect((await listOutbox(a.ctx)).map((m) => m.subject)).toEqual(["First"]);
  });
});
