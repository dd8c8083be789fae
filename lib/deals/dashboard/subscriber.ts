import type { DomainEventRecord } from "@/lib/core/events/subscribers";
import { readModelSubscriber } from "@/lib/core/read-models/subscriber";
import { buyerContactReadModel } from "./buyer-contacts";

/** The messages an event changed, but those to leads before and after (none of the dashboard's business: not read again). */
function messageIdsOf(event: DomainEventRecord): string[] {
  const toLeads = new Set(
    (event.states ?? [])
      .filter((s) => {
        const types = [s.before, s.after].filter(Boolean).map((v) => v!.recipient_type);
        return types.length > 0 && types.every((t) => t === "lead");
      })
      .map((s) => String(s.id)),
  );
  return [...new Set(event.ids.map(String))].filter((id) => !toLeads.has(id));
}

// The buyers' contacts follow every change to messages, whoever made it. Inline: a message sent
// counts on the dashboard at once.
readModelSubscriber(buyerContactReadModel, { name: "deal-buyer-contacts", resources: ["communication"], idsOf: messageIdsOf });
