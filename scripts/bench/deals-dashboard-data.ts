// Synthetic companies for the disposition dashboard benchmark (`npm run bench:deals -- --dashboard`):
// N deals spread over every status, two years of contract and closing dates around today, fees and
// profits, 40% without a buyer; and buyer messages over the last four weeks (a quarter this week,
// some that never went out). Written below the data layer (no events): the benchmark builds the
// read model itself, as the worker would after a seed.
import { Types } from "mongoose";
import { Communication, Deal, Tenant } from "@/models";

const DAY = 86_400_000;
const STATUSES = ["pending", "under_contract", "closed", "closed", "closed", "cancelled"] as const;
const STATES = ["delivered", "delivered", "sent", "failed", "scheduled", "undelivered"] as const;

/** A deterministic pseudo-random sequence (the same company every run). */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function seedDashboardCompany(subdomain: string, deals: number, messages: number): Promise<string> {
  const existing = await Tenant.findOne({ subdomain }).lean();
  if (existing) return String(existing._id);
  const tenant = await Tenant.create({ name: `Bench ${subdomain}`, subdomain });
  const tenant_id = tenant._id;
  const rnd = random(deals);
  const now = Date.now();
  const buyers = Array.from({ length: 2000 }, () => new Types.ObjectId());
  for (let i = 0; i < deals; i += 500) {
    const batch = Array.from({ length: Math.min(500, deals - i) }, (_, k) => {
      const n = i + k;
      const status = STATUSES[Math.floor(rnd() * STATUSES.length)];
      const contract = new Date(now - Math.floor(rnd() * 700) * DAY + Math.floor(rnd() * DAY));
      const closing = status === "pending" && rnd() < 0.5 ? undefined : new Date(contract.getTime() + Math.floor(5 + rnd() * 60) * DAY);
      const fee = Math.floor(5_000 + rnd() * 20_000);
      const created = new Date(contract.getTime() - 2 * DAY);
      return {
        tenant_id,
        status,
        deal_type: n % 5 === 0 ? "flip" : "wholesale",
        lead_id: new Types.ObjectId(),
        buyer_id: rnd() < 0.6 ? buyers[n % buyers.length] : undefined,
        property_address: { street: `${n} Bench St`, city: "Dallas", state: "TX", zip_code: "75211", full_address: `${n} Bench St, Dallas, TX 75211` },
        financials: { purchase_price: 100_000 + (n % 50) * 1000, assignment_fee: fee, profit: fee - 500, roi: 5 },
        timeline: { contract_date: contract, closing_date: closing },
        created_at: created,
        updated_at: new Date(Math.min(now, contract.getTime() + DAY)),
      };
    });
    await Deal.collection.insertMany(batch);
  }
  for (let i = 0; i < messages; i += 500) {
    const batch = Array.from({ length: Math.min(500, messages - i) }, (_, k) => {
      const at = new Date(now - Math.floor(rnd() * 28 * DAY));
      return {
        tenant_id,
        type: (i + k) % 4 === 0 ? "email" : "sms",
        direction: (i + k) % 10 === 0 ? "inbound" : "outbound",
        recipient_type: "buyer",
        recipient_id: buyers[Math.floor(rnd() * buyers.length)],
        status: STATES[Math.floor(rnd() * STATES.length)],
        content: "Deal alert",
        created_at: at,
        updated_at: at,
      };
    });
    await Communication.collection.insertMany(batch);
  }
  return String(tenant_id);
}
