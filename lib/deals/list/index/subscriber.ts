import type { DomainEventRecord } from "@/lib/core/events/subscribers";
import { scoped } from "@/lib/core/db/scoped";
import { readModelSubscriber } from "@/lib/core/read-models/subscriber";
import { Deal } from "@/models/deal";
import { dealReadModel, dealReadModelsEnabled } from "./deal-read-model";

/** A buyer's or lead's change that leaves every deal row as it was (it wrote none of these fields). */
const untouched = (event: DomainEventRecord, fields: RegExp) => event.kind === "updated" && event.changes.length > 0 && !event.changes.some((c) => fields.test(c.path));

/**
 * The deals whose rows an event may have changed: the deals themselves, or the deals of a buyer
 * renamed or removed, or of a lead renamed, reassigned or removed (read from the database after
 * the write, so a deal assigned meanwhile is found or reads the new name itself).
 */
async function dealIdsOf(event: DomainEventRecord): Promise<string[]> {
  if (event.resource === "deal") return event.ids.map(String);
  if (!dealReadModelsEnabled()) return [];
  const ctx = { tenantId: String(event.tenant_id) };
  // One id (a lead or buyer edited) as an equality, which FerretDB can hand to PostgreSQL; `$in` it evaluates itself.
  const dealsWith = async (field: "buyer_id" | "lead_id") => {
    const filter = { [field]: event.ids.length === 1 ? event.ids[0] : { $in: event.ids } };
    return (await scoped(ctx, Deal).find(filter, { _id: 1 }).lean()).map((d) => String(d._id));
  };
  if (event.resource === "buyer") {
    if (untouched(event, /^(name|company)(\.|$)/)) return [];
    return dealsWith("buyer_id");
  }
  if (untouched(event, /^(name|assigned_to)(\.|$)/)) return [];
  return dealsWith("lead_id");
}

// The deal rows follow every change to deals, whoever made it, and the names they show. Inline:
// the person who moved a deal sees it on the list, the board and the dashboard at once.
readModelSubscriber(dealReadModel, { name: "deal-list-index", resources: ["deal", "buyer", "lead"], idsOf: dealIdsOf });
