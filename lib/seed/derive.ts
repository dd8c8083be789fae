// The seed writes through the driver for speed, which skips Mongoose middleware. These apply the
// same functions the models' pre("validate") hooks apply, so a seeded document is exactly what
// saving it through the model would store (lib/seed/seed-demo.test.ts checks every one).
import { fullAddress } from "@/models/shared";
import { syncEmails, syncPhones, type EmailEntry, type PhoneEntry } from "@/lib/leads/contacts/sync-contacts";
import { addressKey, buyerSearchKeys, leadSearchKeys } from "@/lib/validation/search-keys";

type AddressParts = { street?: string; city?: string; state?: string; zip_code?: string; full_address?: string };

/** models/lead.ts: phones and emails (primary first), full_address, search_keys, address_key. */
export function deriveLead<L extends { name: string; phone: string; email?: string; phones?: PhoneEntry[]; emails?: EmailEntry[]; address: AddressParts; search_keys?: string[]; address_key?: string }>(lead: L): L {
  lead.phones = syncPhones(lead.phone, lead.phones, false).phones;
  const emails = syncEmails(lead.email, lead.emails, false).emails;
  if (emails.length) lead.emails = emails;
  lead.address.full_address = fullAddress(lead.address) ?? lead.address.full_address;
  lead.search_keys = leadSearchKeys(lead);
  lead.address_key = addressKey(lead.address) ?? undefined;
  return lead;
}

/** models/buyer.ts: search_keys over name, company, phone and e-mail (buyerSearchKeys). */
export function deriveBuyer<B extends { name: string; phone: string; email?: string; company?: string; search_keys?: string[] }>(buyer: B): B {
  buyer.search_keys = buyerSearchKeys(buyer);
  return buyer;
}

/** models/deal.ts: property_address.full_address. */
export function deriveDeal<D extends { property_address: AddressParts }>(deal: D): D {
  deal.property_address.full_address = fullAddress(deal.property_address) ?? deal.property_address.full_address;
  return deal;
}
