import type { Model } from "mongoose";
import { Buyer } from "@/models/buyer";
import { Lead } from "@/models/lead";
import type { Migration } from "./types";

// Append new steps at the end; never edit or reorder an applied one. Each step is idempotent:
// it may run again after a crash between its work and its record in schema_versions.
export const migrations: Migration[] = [
  {
    collection: "leads",
    version: 1,
    name: "leads-default-address",
    // The founding spec's example: every lead has an address object.
    async up() {
      const res = await Lead.updateMany({ address: { $exists: false } }, { $set: { address: {} } }).setOptions({ allTenants: true });
      return [{ op: "updateMany", set: "address = {}", where: "address missing", modified: res.modifiedCount }];
    },
  },
  {
    collection: "leads",
    version: 2,
    name: "leads-search-keys",
    // Search keys replace the text index; derive them for leads written before they existed.
    async up() {
      let modified = 0;
      const cursor = Lead.find({ search_keys: { $exists: false } }).setOptions({ allTenants: true }).cursor();
      for await (const lead of cursor) {
        await lead.save({ validateModifiedOnly: true });
        modified += 1;
      }
      return [{ op: "derive", field: "search_keys", modified }];
    },
  },
  {
    collection: "leads",
    version: 3,
    name: "leads-search-keys-name-parts",
    // Hyphenated and apostrophe names get keys for their parts ("jones" finds Smith-Jones).
    up: () => rederiveSearchKeys(Lead, ["name"]),
  },
  {
    collection: "buyers",
    version: 1,
    name: "buyers-search-keys-name-parts",
    up: () => rederiveSearchKeys(Buyer, ["name", "company"]),
  },
];

/** Saves again (so the model derives search_keys anew) every document with ' or - in a named field. */
async function rederiveSearchKeys(model: Model<any>, fields: string[]) {
  let modified = 0;
  const cursor = model.find({ $or: fields.map((f) => ({ [f]: { $regex: "['-]" } })) }).setOptions({ allTenants: true }).cursor();
  for await (const doc of cursor) {
    await doc.save({ validateModifiedOnly: true });
    modified += 1;
  }
  return [{ op: "derive", field: "search_keys", where: `${fields.join(" or ")} contains ' or -`, modified }];
}
