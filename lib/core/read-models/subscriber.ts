import { subscribe } from "@/lib/core/events/subscribers";
import type { DomainEventRecord } from "@/lib/core/events/subscribers";
import type { ReadModel } from "./read-model";
import type { BaseRow } from "./store";

export type ReadModelSubscriberOptions = {
  /** The subscriber's name (its identity in the events' `delivered` list). */
  name: string;
  /** The resources whose events feed the rows; by default the read model's own. */
  resources?: readonly string[];
  /**
   * The ids of the read model's documents an event may have changed (by default the event's ids,
   * right when the event is about the read model's own resource). May read the database.
   */
  idsOf?: (event: DomainEventRecord) => string[] | Promise<string[]>;
};

/**
 * Feeds a read model from domain events: the documents an event touched are read again into its
 * rows (gone ones removed). Inline, so whoever made a change sees it in the list at once; the
 * worker delivers again when the inline run failed. Idempotent and order-insensitive (rows are
 * ordered by the revision at which they were read).
 */
export function readModelSubscriber<Row extends BaseRow>(model: ReadModel<Row, any>, { name, resources = [model.name], idsOf = (e) => e.ids.map(String) }: ReadModelSubscriberOptions): void {
  subscribe({
    name,
    resources,
    inline: true,
    handle: async (event) => model.applyChanges({ tenantId: String(event.tenant_id) }, await idsOf(event)),
  });
}
