// Twilio's message and call statuses, in the order they can happen: a callback may come twice or
// late, so a status is applied only when it ranks above the stored one (equal terminal ranks keep
// the first: a message is not both delivered and failed).

type Mapped = { status: string; rank: number };

const MESSAGE: Record<string, Mapped> = {
  scheduled: { status: "queued", rank: 1 },
  accepted: { status: "queued", rank: 1 },
  queued: { status: "queued", rank: 1 },
  sending: { status: "queued", rank: 2 },
  sent: { status: "sent", rank: 3 },
  delivered: { status: "delivered", rank: 4 },
  undelivered: { status: "undelivered", rank: 4 },
  failed: { status: "failed", rank: 4 },
  canceled: { status: "canceled", rank: 4 },
  read: { status: "delivered", rank: 5 },
  receiving: { status: "received", rank: 1 },
  received: { status: "received", rank: 2 },
};

const CALL: Record<string, Mapped> = {
  queued: { status: "queued", rank: 1 },
  initiated: { status: "queued", rank: 1 },
  ringing: { status: "ringing", rank: 2 },
  "in-progress": { status: "in_progress", rank: 3 },
  completed: { status: "answered", rank: 4 },
  busy: { status: "missed", rank: 4 },
  "no-answer": { status: "missed", rank: 4 },
  failed: { status: "failed", rank: 4 },
  canceled: { status: "canceled", rank: 4 },
};

export function mapMessageStatus(twilioStatus: string): Mapped | null {
  return MESSAGE[twilioStatus] ?? null;
}

export function mapCallStatus(twilioStatus: string): Mapped | null {
  return CALL[twilioStatus] ?? null;
}

export const TERMINAL_RANK = 4;
