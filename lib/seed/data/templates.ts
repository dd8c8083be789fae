// The message templates a wholesaling team actually uses. `{{variable}}` placeholders are filled
// from the lead, the user and the company when a message is sent.
export type TemplateSeed = { key: string; name: string; type: "sms" | "email" | "call_script"; category: string; content: string; is_default?: boolean };

export const TEMPLATE_SEEDS: readonly TemplateSeed[] = [
  {
    key: "sms_intro",
    name: "First text: do you own the property?",
    type: "sms",
    category: "introduction",
    is_default: true,
    content:
      "Hi {{first_name}}, this is {{agent_name}} with {{company_name}}. Are you the owner of {{property_address}}? We buy houses as-is for cash and close on your timeline.",
  },
  {
    key: "sms_follow_up",
    name: "Follow-up: still thinking about selling?",
    type: "sms",
    category: "follow_up",
    content:
      "Hi {{first_name}}, {{agent_name}} again. Are you still thinking about selling {{property_address}}? Happy to send a no-obligation cash offer.",
  },
  {
    key: "sms_offer",
    name: "Offer by text",
    type: "sms",
    category: "offer",
    content:
      "{{first_name}}, based on what we discussed we can offer {{offer_amount}} cash for {{property_address}}, closing in as little as 14 days. Want me to send the agreement?",
  },
  {
    key: "sms_appointment",
    name: "Walkthrough confirmation",
    type: "sms",
    category: "appointment",
    content:
      "Thanks {{first_name}}! Confirming our walkthrough at {{property_address}} on {{appointment_time}}. Reply C to confirm or R to reschedule.",
  },
  {
    key: "sms_probate",
    name: "Probate: gentle first text",
    type: "sms",
    category: "introduction",
    content:
      "Hi {{first_name}}, I'm sorry for your loss. I'm {{agent_name}} with {{company_name}}. If you are handling the house at {{property_address}} and want a simple sale, we can help. No pressure at all.",
  },
  {
    key: "email_offer",
    name: "Cash offer letter",
    type: "email",
    category: "offer",
    content:
      "Subject: Cash offer for {{property_address}}\n\nHi {{first_name}},\n\nThank you for walking me through the house. We can buy {{property_address}} for {{offer_amount}} cash, as-is: no repairs, no cleaning, no agent fees, and we cover the closing costs.\n\nWe can close in as little as 14 days, or on the date that suits you. The offer stands for 7 days.\n\nBest,\n{{agent_name}}\n{{company_name}}",
  },
  {
    key: "email_follow_up",
    name: "Follow-up after no reply",
    type: "email",
    category: "follow_up",
    content:
      "Subject: Still interested in selling {{property_address}}?\n\nHi {{first_name}},\n\nI reached out a little while ago about {{property_address}}. If selling is still on your mind, I'd be glad to make you a fair cash offer. Just reply to this e-mail or call me.\n\n{{agent_name}}\n{{company_name}}",
  },
  {
    key: "call_cold",
    name: "Cold call opener",
    type: "call_script",
    category: "introduction",
    content:
      "Hi, is this {{first_name}}? This is {{agent_name}} with {{company_name}}. I'm calling about {{property_address}}: we buy houses in the area for cash. Would you consider an offer if the price made sense?\n\nIf yes: ask about condition, timeline, motivation and price (see the qualification script).\nIf no: thank them and ask whether they own any other property they might sell.",
  },
  {
    key: "call_qualify",
    name: "Seller qualification (condition, timeline, motivation, price)",
    type: "call_script",
    category: "qualification",
    content:
      "1. Condition: how old are the roof, HVAC and water heater? Any foundation or plumbing issues?\n2. Timeline: if we agreed on a price, when would you want to close?\n3. Motivation: what has you thinking about selling {{property_address}}?\n4. Price: what would you need to walk away with?\n\nClose: \"{{first_name}}, let me run the numbers and call you back by {{appointment_time}}.\"",
  },
];

/** The `{{name}}` placeholders of a template, in order of appearance. */
export function templateVariables(content: string): string[] {
  return [...new Set([...content.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]))];
}

export function renderTemplate(content: string, values: Record<string, string>): string {
  return content.replace(/{{\s*(\w+)\s*}}/g, (whole, name: string) => values[name] ?? whole);
}
