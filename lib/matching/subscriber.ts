import "server-only";
import { subscribe } from "@/lib/core/events/subscribers";
import { matchingIndexEnabled, noteBuyersChanged } from "./buyer-box-index";

// Every change to a buyer moves the tenant's matching stamp (buyer-box-index.ts). Inline, so the
// person who edited a box sees the next match use it; the worker delivers again if that fails.
subscribe({
  name: "matching-buyer-boxes",
  resources: ["buyer"],
  inline: true,
  async handle(event) {
    if (!matchingIndexEnabled()) return;
    await noteBuyersChanged(String(event.tenant_id), event.ids.map(String));
  },
});
