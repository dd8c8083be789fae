import "server-only";
import nodemailer from "nodemailer";
import type { MailTransport } from "./types";

/** Sends through the SMTP server an `smtp://` or `smtps://` URL names (credentials in the URL). */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    kind: "smtp",
    async send(mail) {
      await transporter.sendMail({ from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
    },
  };
}
