// Twilio's error codes in words a rep understands (shown under a failed or undelivered message).
// Codes from Twilio's public error dictionary; an unknown code still says what number it was.

const EXPLANATIONS: Record<string, string> = {
  "21610": "This number replied STOP: it cannot be texted until it replies START.",
  "21211": "This is not a valid phone number.",
  "21214": "This number cannot receive texts.",
  "21408": "Texting this country or region is not enabled on your Twilio account.",
  "21612": "Twilio cannot route a text from your number to this one.",
  "21614": "This number is not a mobile number (likely a landline).",
  "30003": "The phone was unreachable (switched off or out of coverage).",
  "30004": "The recipient's carrier blocked this message.",
  "30005": "This number is unknown or no longer in service.",
  "30006": "This is a landline or the carrier cannot receive texts.",
  "30007": "Carrier filtered this message (it looked like spam).",
  "30008": "The carrier could not deliver it (unknown error).",
  "30032": "Your toll-free number is not verified yet.",
  "30034": "Your number is not registered for A2P 10DLC: carriers block its texts.",
  "30024": "Your sender is not registered with the carriers yet.",
};

/** Words for a Twilio error code, or null when there is none. */
export function explainTwilioError(code: string | number | null | undefined, fallback?: string | null): string | null {
  if (code === null || code === undefined || code === "") return fallback?.trim() || null;
  const key = String(code);
  return EXPLANATIONS[key] ?? (fallback?.trim() ? `${fallback.trim()} (Twilio error ${key})` : `Twilio refused it (error ${key}).`);
}

/** Status words for a message, in the order it moves. */
export const STATUS_LABELS: Record<string, string> = {
  scheduled: "Scheduled",
  queued: "Queued",
  sent: "Sent",
  delivered: "Delivered",
  undelivered: "Not delivered",
  failed: "Failed",
  canceled: "Cancelled",
  received: "Received",
  ringing: "Ringing",
  in_progress: "In progress",
  answered: "Answered",
  missed: "Missed",
};
