import { subscribe } from "@/lib/core/events/subscribers";
import { applyBuyerChanges, applyDealChanges, applyMessageChanges } from "./deal-summary";

// The deal summary follows every change to deals, messages and buyers' names, whoever made it. Inline: the
// person who moved a deal sees it on the dashboard and the board at once.
subscribe({
  name: "deal-summary",
  resources: ["deal", "communication", "buyer"],
  inline: true,
  handle(event) {
    const ctx = { tenantId: String(event.tenant_id) };
    if (event.resource === "deal") return applyDealChanges(ctx, event.ids.map(String));
    if (event.resource === "buyer") return applyBuyerChanges(ctx, event);
    return applyMessageChanges(ctx, event);
  },
});
