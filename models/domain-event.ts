import { model, models, Schema, type Model, type Types } from "mongoose";

// The outbox of domain events. Written by the data layer itself (lib/core/events/plugin.ts) after
// every write to an event-emitting collection (outbox.ts), read by the worker's delivery. It sits
// outside the tenant guard on purpose, like mail_outbox: the sweep and the worker read across
// tenants, and nothing but lib/core/events touches it. Each event still names its tenant, and
// every subscriber acts through a context of that tenant only.

export const EVENT_KINDS = ["created", "updated", "deleted"] as const;

const domainEventSchema = new Schema(
  {
    tenant_id: { type: Schema.Types.ObjectId, required: true },
    /** The resource: "lead", "buyer", "deal", "communication", "tag", "template". */
    resource: { type: String, required: true },
    kind: { type: String, required: true, enum: EVENT_KINDS },
    ids: { type: [Schema.Types.ObjectId], default: [] },
    /** Paths written, with the values before (single-document changes) and after where cheap. */
    changes: { type: [{ _id: false, path: String, before: Schema.Types.Mixed, after: Schema.Types.Mixed }], default: [] },
    actor: {
      kind: { type: String, required: true },
      id: String,
      label: String,
    },
    /** The tenant's revision stamped on every document this change wrote (see revision.ts). */
    rev: { type: Number, required: true },
    /** Subscribers that have handled the event. */
    delivered: { type: [String], default: [] },
    dispatched_at: Date,
  },
  { collection: "domain_events", timestamps: { createdAt: "created_at", updatedAt: false }, versionKey: false, strict: "throw" },
);

domainEventSchema.index({ dispatched_at: 1 });
domainEventSchema.index({ tenant_id: 1, resource: 1, rev: 1 });

export type DomainEventDoc = {
  tenant_id: Types.ObjectId;
  resource: string;
  kind: (typeof EVENT_KINDS)[number];
  ids: Types.ObjectId[];
  changes: { path: string; before?: unknown; after?: unknown }[];
  actor: { kind: string; id?: string; label?: string };
  rev: number;
  delivered: string[];
  dispatched_at?: Date;
  created_at: Date;
};
export const DomainEvent: Model<DomainEventDoc> = models.DomainEvent ?? model<DomainEventDoc>("DomainEvent", domainEventSchema);
