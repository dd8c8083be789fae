import "server-only";
import { AppError } from "@/lib/core/errors";
import { describeWait, spendBudgetsTogether, type Budget } from "./rate-limit";

/**
 * Every message the app sends to someone (e-mail now, texts soon) is paid for here first, so a
 * workspace cannot turn DealCycle into a mailer for its own words: an outside probe sent 40
 * invitations in 3 s and 30 resends of one, 31 e-mails to one stranger with a company name of its
 * choosing. A send takes one slot of three budgets at once (all or none, atomically):
 *
 * - the workspace's, per kind of message;
 * - the acting member's (or API key's, or the system's in that workspace), per kind;
 * - the recipient's, per channel and across every workspace: one mailbox or number gets only so
 *   many messages from DealCycle whoever sends them, however its address is spelled (recipientKey).
 *
 * `reserveSend` returns a permit, and the transports (lib/mail/send-mail.ts; the texting one when
 * it comes) refuse to send without an unused permit for that very recipient: a new kind of message
 * cannot skip the budgets by forgetting to ask. Take the permit before writing anything the
 * message is about (the invitation row), so a refused send leaves nothing behind.
 */

export type SendChannel = "email" | "sms";

type Window = { max: number; windowSeconds: number };
const HOUR = 60 * 60;
const DAY = 24 * HOUR;

/** What each kind of message may spend. Adding a kind of message is adding a row here. */
export const SEND_KINDS = {
  invite: {
    channel: "email",
    noun: "invitations",
    workspace: [{ max: 50, windowSeconds: HOUR }, { max: 200, windowSeconds: DAY }],
    sender: [{ max: 20, windowSeconds: HOUR }, { max: 100, windowSeconds: DAY }],
  },
  // E-mail to leads and buyers from the conversation (lib/communications/email).
  contact_email: {
    channel: "email",
    noun: "e-mails",
    workspace: [{ max: 200, windowSeconds: HOUR }, { max: 1_000, windowSeconds: DAY }],
    sender: [{ max: 60, windowSeconds: HOUR }, { max: 300, windowSeconds: DAY }],
  },
  // Texts to leads and buyers: the company's sending pace (a long code sends about one a second;
  // SMS_RATE_PER_MINUTE raises it for a Messaging Service or short code), checked by the send job,
  // which waits (never drops) when a budget is spent.
  text: {
    channel: "sms",
    noun: "texts",
    workspace: [{ max: Number(process.env.SMS_RATE_PER_MINUTE) || 60, windowSeconds: 60 }, { max: 20_000, windowSeconds: DAY }],
    sender: [{ max: 5_000, windowSeconds: HOUR }],
  },
} as const satisfies Record<string, { channel: SendChannel; noun: string; workspace: readonly Window[]; sender: readonly Window[] }>;

export type SendKind = keyof typeof SEND_KINDS;

/** Per recipient, whatever the kind and the workspace. */
export const RECIPIENT_LIMITS: Record<SendChannel, readonly Window[]> = {
  email: [{ max: 3, windowSeconds: HOUR }, { max: 5, windowSeconds: DAY }],
  // A conversation goes back and forth: enough for one, not for a flood.
  sms: [{ max: 20, windowSeconds: HOUR }, { max: 60, windowSeconds: DAY }],
};

const CHANNEL_NOUN: Record<SendChannel, string> = { email: "e-mails", sms: "text messages" };

export type SendRequest = {
  kind: SendKind;
  /** The workspace the message is sent for; absent for the app's own mail (then it counts as one "workspace"). */
  tenantId?: string;
  /** Who is sending: the member, or the API key; absent for the system. */
  senderId?: string;
  /** The e-mail address or phone number, as it will be sent to. */
  to: string;
};

/** The right to send one message of `kind` to `to`; usable once, only by the transport. */
export type SendPermit = { readonly kind: SendKind; readonly channel: SendChannel; readonly to: string; readonly tenantId?: string };

const unused = new WeakSet<SendPermit>();

/**
 * The mailbox (or phone) a message lands in, for the recipient's budget: one mailbox has many
 * spellings, and each spelling had its own budget (five plus-addressed copies of one address got
 * five times the e-mails). Case, a "+tag" after the local part (delivered to the same mailbox by
 * Gmail, Outlook, iCloud, Fastmail and most others) and Gmail's dots do not count.
 */
export function recipientKey(channel: SendChannel, to: string): string {
  const text = to.trim().normalize("NFC").toLowerCase();
  const at = text.lastIndexOf("@");
  if (channel !== "email" || at < 1) return text;
  let local = text.slice(0, at).split("+")[0] || text.slice(0, at);
  let domain = text.slice(at + 1).replace(/\.+$/, "");
  if (domain === "googlemail.com") domain = "gmail.com";
  if (domain === "gmail.com") local = local.replace(/\./g, "");
  return `${local}@${domain}`;
}

/**
 * Spends one message of the budgets above, or throws AppError("rate_limited") saying which one
 * ran out and for how long ("You have sent too many invitations; try again in 12 minutes.").
 */
export async function reserveSend(request: SendRequest): Promise<SendPermit> {
  const spec = SEND_KINDS[request.kind];
  const sender = request.senderId ?? "system";
  const workspace = request.tenantId ?? "none";
  const entries = [
    ...spec.workspace.map((w) => ({ who: "workspace" as const, budget: budget(`send-${request.kind}-workspace`, w), subject: workspace })),
    ...spec.sender.map((w) => ({ who: "sender" as const, budget: budget(`send-${request.kind}-sender`, w), subject: `${workspace}|${sender}` })),
    ...RECIPIENT_LIMITS[spec.channel].map((w) => ({ who: "recipient" as const, budget: budget(`send-${spec.channel}-recipient`, w), subject: recipientKey(spec.channel, request.to) })),
  ];
  const verdict = await spendBudgetsTogether(entries);
  if (verdict.refused !== null) {
    const wait = describeWait(verdict.retryAfterSeconds);
    const who = entries[verdict.refused].who;
    const message =
      who === "sender"
        ? `You have sent too many ${spec.noun}; try again in ${wait}.`
        : who === "workspace"
          ? `This workspace has sent too many ${spec.noun}; try again in ${wait}.`
          : `Too many ${CHANNEL_NOUN[spec.channel]} were sent to ${request.to} recently; try again in ${wait}.`;
    throw new AppError("rate_limited", message, undefined, { retryAfterSeconds: verdict.retryAfterSeconds });
  }
  const permit: SendPermit = Object.freeze({ kind: request.kind, channel: spec.channel, to: request.to, tenantId: request.tenantId });
  unused.add(permit);
  return permit;
}

/**
 * For transports: uses up the permit of the message about to go out, whose recipient, workspace
 * and kind come from the permit. Throws for a permit not from reserveSend, used already, or of
 * another channel (a programming error, not a user's).
 */
export function redeemPermit(permit: SendPermit, channel: SendChannel): void {
  if (!unused.has(permit)) throw new Error("send refused: no unused permit from reserveSend for this message");
  if (permit.channel !== channel) throw new Error(`send refused: the permit is for ${permit.channel}, not ${channel}`);
  unused.delete(permit);
}

// One window of a budget: the window length is part of the name, so each window counts apart.
function budget(name: string, window: Window): Budget {
  return { name: `${name}-${window.windowSeconds}`, max: window.max, windowSeconds: window.windowSeconds };
}
