import { subscribe } from "@/lib/core/events/subscribers";
import { applyLeadChanges } from "./lead-index";

// The lead list index follows every change to leads, whoever made it. Inline: the person who
// changed a lead sees the change in the list at once.
subscribe({
  name: "lead-list-index",
  resources: ["lead"],
  inline: true,
  handle: (event) => applyLeadChanges({ tenantId: String(event.tenant_id) }, event.ids.map(String)),
});
