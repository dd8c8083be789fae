// What an inbound text asks for: carriers' and Twilio's keywords (the whole message, trimmed,
// any case), and replies that mean "stop" in words, which a person confirms.

export const OPT_OUT_KEYWORDS = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"] as const;
export const OPT_IN_KEYWORDS = ["START", "UNSTOP", "YES"] as const;
export const HELP_KEYWORDS = ["HELP", "INFO"] as const;

export type InboundIntent =
  | { kind: "opt_out"; keyword: string }
  | { kind: "opt_in"; keyword: string }
  | { kind: "help"; keyword: string }
  | { kind: "review"; reason: string }
  | { kind: "message" };

// Phrases that mean "leave me alone" or "not me", said in words.
const STOP_IN_WORDS: { pattern: RegExp; reason: string }[] = [
  { pattern: /\b(stop|quit|cease)\b.{0,20}\b(text|texting|messag|contact|call|calling|bother)/i, reason: "Asks to stop being contacted" },
  { pattern: /\b(don'?t|do not|never)\b.{0,12}\b(text|contact|call|message|bother)\b/i, reason: "Asks not to be contacted" },
  { pattern: /\b(remove|take)\b.{0,15}\b(me|my (number|name))\b.{0,20}\b(list|off)?/i, reason: "Asks to be removed" },
  { pattern: /\bwrong (number|person)\b/i, reason: "Says it is the wrong number" },
  { pattern: /\bunsubscribe\b|\bopt(-| )?out\b/i, reason: "Asks to unsubscribe" },
  { pattern: /\blose my number\b|\bleave me alone\b/i, reason: "Asks to be left alone" },
  { pattern: /\bnot interested\b.{0,30}\b(contact|text|call)/i, reason: "Not interested and asks not to be contacted" },
];

/** Classifies an inbound text. Keywords win; only then are the words read for review. */
export function classifyInbound(body: string): InboundIntent {
  const word = body.trim().replace(/[.!]+$/, "").toUpperCase();
  if ((OPT_OUT_KEYWORDS as readonly string[]).includes(word)) return { kind: "opt_out", keyword: word };
  if ((OPT_IN_KEYWORDS as readonly string[]).includes(word)) return { kind: "opt_in", keyword: word };
  if ((HELP_KEYWORDS as readonly string[]).includes(word)) return { kind: "help", keyword: word };
  for (const { pattern, reason } of STOP_IN_WORDS) if (pattern.test(body)) return { kind: "review", reason };
  return { kind: "message" };
}

/** The answer to HELP: who is writing and how to stop. */
export function helpReply(companyName: string): string {
  return `${companyName}: texts about your property. Reply STOP to opt out, START to opt back in.`;
}
