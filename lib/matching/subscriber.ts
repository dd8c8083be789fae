import "server-only";
import { subscribe } from "@/lib/core/events/subscribers";
import { applyBuyerChanges } from "./buyer-box-index";
import { applyOpenPropertyChanges } from "./open-properties";

// Every change to a buyer is re-read and recorded in the tenant's shared buyer boxes
// (buyer-box-index.ts). Inline, so the person who edited a box sees the next match use it; the
// worker delivers again if that fails.
subscribe({
  name: "matching-buyer-boxes",
  resources: ["buyer"],
  inline: true,
  handle: (event) => applyBuyerChanges({ tenantId: String(event.tenant_id) }, event.ids.map(String)),
});

// Deals and leads entering or leaving the open properties a buyer's page matches against
// (open-properties.ts). Inline for the same reason.
subscribe({
  name: "matching-open-properties",
  resources: ["deal", "lead"],
  inline: true,
  handle: (event) => applyOpenPropertyChanges(event),
});
