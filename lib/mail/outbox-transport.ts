import "server-only";
import { Types } from "mongoose";
import { MailMessage } from "@/models/mail-message";
import type { MailTransport } from "./types";

/** Keeps mail in the database instead of sending it, for development, demos and tests. */
export const outboxTransport: MailTransport = {
  kind: "outbox",
  async send(mail) {
    await MailMessage.create({
      tenant_id: mail.tenantId ? new Types.ObjectId(mail.tenantId) : undefined,
      to: mail.to,
      from: mail.from,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      kind: mail.kind,
    });
  },
};
