import { connectDb, disconnectDb } from "@/lib/db/connect";
import { Tenant } from "@/models/tenant";
import { listLeads } from "@/lib/leads/list/list-leads";
import { emptyListQuery } from "@/lib/leads/list/list-query";
async function main() {
  await connectDb("mongodb://127.0.0.1:27999/bench");
  const t = await Tenant.findOne({ subdomain: "acme" }).lean();
  const ctx = { tenantId: String(t!._id), role: "admin" as const };
  for (let i = 0; i < 2; i++) {
    const s = performance.now();
    const page = await listLeads(ctx, emptyListQuery(), { withTotal: false });
    console.log("page", (performance.now() - s).toFixed(0), page.rows.length, page.rows[0]?.name);
  }
  await disconnectDb();
}
main();
