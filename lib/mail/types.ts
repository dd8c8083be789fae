/** One e-mail. `text` is always sent; `html` is the optional rich version. */
export type MailInput = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** The company the mail is sent for, when there is one (kept with outbox copies). */
  tenantId?: string;
  /** What the mail is about ("invite", ...): shown in the outbox, never sent. */
  kind?: string;
};

/** Where mail goes: an SMTP server in production, the database outbox in development. */
export interface MailTransport {
  readonly kind: "smtp" | "outbox";
  send(mail: MailInput & { from: string }): Promise<void>;
}
