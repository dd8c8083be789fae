import { subscribe } from "@/lib/core/events/subscribers";
import { applyDealChanges, applyMessageChanges } from "./deal-summary";

// The deal summary follows every change to deals and messages, whoever made it. Inline: the
// person who moved a deal sees it on the dashboard and the board at once.
subscribe({
  name: "deal-summary",
  resources: ["deal", "communication"],
  inline: true,
  handle: (event) =>
    event.resource === "deal" ? applyDealChanges({ tenantId: String(event.tenant_id) }, event.ids.map(String)) : applyMessageChanges({ tenantId: String(event.tenant_id) }, event),
});
