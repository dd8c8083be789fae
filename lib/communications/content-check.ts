// Warnings before a text goes out: what carriers are reported to filter under A2P 10DLC, and a
// first text that does not say how to opt out. Pure and advisory: the rep sees them in the compose
// box and may still send (the compliance gate in lib/communications/send decides what is refused).
// Phrases from /work/shared/facts/outreach-rules.md ("Carrier filtering"); keep them as data here.

export type ContentWarningCode = "filtered_phrase" | "url_shortener" | "all_caps" | "exclamations" | "no_opt_out" | "no_sender_identity";

export type ContentWarning = { code: ContentWarningCode; message: string; phrase?: string };

/** Phrases carriers and wholesaler-focused guides report as filtered. */
export const FILTERED_PHRASES = [
  "we buy houses",
  "cash offer",
  "cash for your house",
  "sell your house fast",
  "free",
  "act now",
  "limited time",
] as const;

/** Public URL shorteners: carriers filter links through them (the real destination is hidden). */
export const URL_SHORTENERS = ["bit.ly", "tinyurl.com", "tinyurl", "goo.gl", "ow.ly", "is.gd", "t.co", "buff.ly", "rebrand.ly", "cutt.ly", "shorturl.at"] as const;

/** Words that tell the recipient how to stop texts. */
const OPT_OUT = /\b(reply|text|send|respond with)\s+["']?(stop|end|quit|unsubscribe|cancel)\b|\bopt[- ]?out\b|\bunsubscribe\b|\bstop to (end|stop|cancel|quit)\b/i;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export type ContentCheckInput = {
  body: string;
  /** True when the company has never texted this contact before. */
  firstText: boolean;
  /** The company's name: a first text should say who is writing. */
  companyName?: string;
};

export function checkTextContent({ body, firstText, companyName }: ContentCheckInput): ContentWarning[] {
  const warnings: ContentWarning[] = [];
  const lower = body.toLowerCase();

  for (const phrase of FILTERED_PHRASES) {
    if (new RegExp(`\\b${escape(phrase)}\\b`, "i").test(body)) {
      warnings.push({ code: "filtered_phrase", phrase, message: `Carriers often filter texts containing “${phrase}”. Rephrase it.` });
    }
  }
  for (const host of URL_SHORTENERS) {
    if (new RegExp(`(^|[^a-z0-9.-])${escape(host)}(/|\\b)`, "i").test(lower)) {
      warnings.push({ code: "url_shortener", phrase: host, message: `Links through ${host} are filtered by carriers. Use your own domain's full link.` });
      break;
    }
  }
  const shouting = body.match(/\b[A-Z][A-Z'’]{2,}\b/g)?.filter((w) => w !== "STOP" && w !== "HELP") ?? [];
  const letters = body.replace(/[^A-Za-z]/g, "");
  const upper = letters.replace(/[^A-Z]/g, "");
  if (shouting.length >= 3 || (letters.length >= 12 && upper.length / letters.length > 0.6)) {
    warnings.push({ code: "all_caps", message: "Text in ALL CAPS looks like spam to carriers. Write in normal case." });
  }
  const bangs = (body.match(/!/g) ?? []).length;
  if (bangs >= 3 || /!!/.test(body)) {
    warnings.push({ code: "exclamations", message: "Several exclamation marks look like spam to carriers. Keep at most one." });
  }
  if (firstText) {
    if (!OPT_OUT.test(body)) {
      warnings.push({ code: "no_opt_out", message: "This is your first text to this contact: add how to opt out, e.g. “Reply STOP to opt out.”" });
    }
    const company = companyName?.trim();
    if (company && !lower.includes(company.toLowerCase())) {
      warnings.push({ code: "no_sender_identity", message: `This is your first text to this contact: say who is writing (${company}).` });
    }
  }
  return warnings;
}

/** True when the text already tells the recipient how to opt out. */
export function hasOptOutLanguage(body: string): boolean {
  return OPT_OUT.test(body);
}
