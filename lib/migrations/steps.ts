import type { Model } from "mongoose";
import { Buyer } from "@/models/buyer";
import { Lead } from "@/models/lead";
import { syncEmails, syncPhones } from "@/lib/leads/contacts/sync-contacts";
import { buyerSearchKeys, leadSearchKeys } from "@/lib/validation/search-keys";
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
    collection: "leads",
    version: 4,
    name: "leads-phones-emails-search-keys",
    // Several phones and e-mails per lead (phones[0] / emails[0] = phone / email), and search keys
    // for every number, its last four digits and local number, e-mail domains, street and city.
    up: () => rederiveLeadContacts(),
  },
  {
    collection: "buyers",
    version: 1,
    name: "buyers-search-keys-name-parts",
    up: () => rederiveSearchKeys(Buyer, ["name", "company"]),
  },
  {
    collection: "buyers",
    version: 2,
    name: "buyers-search-keys-phone-email-parts",
    // A buyer's phone is also keyed without its area code and by its last four digits, and its
    // e-mail by its domain, as a lead's are. The buyer list's rows are rebuilt anyway: their
    // format version changed with these keys.
    up: () => rederiveBuyerSearchKeys(),
  },
  {
    collection: "leads",
    version: 5,
    name: "leads-search-keys-folded-letters",
    // Keys fold ß ø ł æ œ đ þ as typed on a US keyboard ("weiss" finds Weiß, "soren" Søren) and
    // keep words of other scripts (李): leads with such text in a keyed field get their keys anew.
    up: () => rederiveLeadContacts({ $or: ["name", "email", "emails.address", "address.street", "address.city"].map((f) => ({ [f]: { $regex: NON_ASCII } })) }),
  },
  {
    collection: "buyers",
    version: 3,
    name: "buyers-search-keys-folded-letters",
    // The same folding for buyers: every buyer whose keys change.
    up: () => rederiveBuyerSearchKeys(),
  },
  {
    collection: "leads",
    version: 6,
    name: "leads-search-keys-zip",
    // A ZIP code is a key ("76104" finds the leads of that ZIP): every lead with one gets its keys anew.
    up: () => rederiveLeadContacts({ "address.zip_code": { $regex: "^\\s*[0-9]{5}" } }),
  },
];

/** Text with a character outside ASCII (the regex FerretDB and MongoDB both read). */
const NON_ASCII = "[^\\x00-\\x7f]";

/**
 * Derives search_keys of every buyer again, in raw updates of 40 (FerretDB on PostgreSQL never
 * answers a bulkWrite of 50 or more: docs MONGO-SUBSET), only where they change.
 */
async function rederiveBuyerSearchKeys() {
  let modified = 0;
  let batch: any[] = [];
  const flush = async () => {
    if (batch.length) await Buyer.collection.bulkWrite(batch, { ordered: false });
    modified += batch.length;
    batch = [];
  };
  const cursor = Buyer.collection.find({}, { projection: { name: 1, company: 1, phone: 1, email: 1, search_keys: 1 } });
  for await (const buyer of cursor) {
    const keys = buyerSearchKeys({ name: buyer.name, company: buyer.company, phone: buyer.phone, email: buyer.email });
    if (JSON.stringify(keys) === JSON.stringify(buyer.search_keys)) continue;
    batch.push({ updateOne: { filter: { _id: buyer._id }, update: { $set: { search_keys: keys } } } });
    if (batch.length >= 40) await flush();
  }
  await flush();
  return [{ op: "derive", field: "search_keys", where: "phone without area code, last four digits, e-mail domain", modified }];
}

/**
 * Derives phones, emails and search_keys of every lead, in batches of raw updates (a save per lead
 * would take minutes at 100,000 leads). Lists of leads read from the list index are rebuilt
 * anyway: its format version changed with these keys.
 */
async function rederiveLeadContacts(filter: Record<string, unknown> = {}) {
  let modified = 0;
  let batch: any[] = [];
  const flush = async () => {
    if (batch.length) await Lead.collection.bulkWrite(batch, { ordered: false });
    modified += batch.length;
    batch = [];
  };
  const cursor = Lead.collection.find(filter, { projection: { name: 1, phone: 1, email: 1, phones: 1, emails: 1, address: 1 } });
  for await (const lead of cursor) {
    const { phone, email, phones, emails } = { ...syncPhones(lead.phone, lead.phones, false), ...syncEmails(lead.email, lead.emails, false) };
    const $set: Record<string, unknown> = { phones, search_keys: leadSearchKeys({ ...lead, phone, email, phones, emails }) };
    if (phone) $set.phone = phone;
    if (emails.length) Object.assign($set, { emails, email });
    batch.push({ updateOne: { filter: { _id: lead._id }, update: { $set } } });
    if (batch.length >= 500) await flush();
  }
  await flush();
  return [{ op: "derive", field: "phones, emails, search_keys", modified }];
}

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
