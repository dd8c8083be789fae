import type { TemplateInput } from "@/lib/zod/schemas/template";

/**
 * What a new company starts with: a first text that says who writes and how to opt out, a
 * follow-up, an e-mail and a call opener, all using only variables every lead can fill. Wording
 * avoids the phrases carriers filter (lib/communications/content-check.ts).
 */
export const DEFAULT_TEMPLATES: readonly TemplateInput[] = [
  {
    name: "First text: introduction",
    type: "sms",
    category: "introduction",
    content: "Hi {{first_name}}, this is {{rep_name}} with {{company_name}}. Are you the owner of {{property_address}}? Would you consider an offer on it? Reply STOP to opt out.",
    is_active: true,
  },
  {
    name: "Follow-up: still thinking about selling?",
    type: "sms",
    category: "follow_up",
    content: "Hi {{first_name}}, {{rep_name}} again. Are you still thinking about selling {{property_address}}? Happy to talk whenever suits you.",
    is_active: true,
  },
  {
    name: "Offer by e-mail",
    type: "email",
    category: "offer",
    content:
      "Subject: Our offer for {{property_address}}\n\nHi {{first_name}},\n\nThank you for your time. We would like to buy {{property_address}} for {{offer_amount}}, as-is, on the closing date that suits you.\n\nBest,\n{{rep_name}}\n{{company_name}}",
    is_active: true,
  },
  {
    name: "Call opener",
    type: "call_script",
    category: "introduction",
    content:
      "Hi, is this {{first_name}}? This is {{rep_name}} with {{company_name}}. I'm calling about {{property_address}}. Would you consider an offer if the price made sense?\n\nIf yes: ask about condition, timeline, motivation and price.\nIf no: thank them and ask whether they own other property they might sell.",
    is_active: true,
  },
];
