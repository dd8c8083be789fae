// Database commands, run by the project's scripts through tsx:
//   migrate            apply pending migrations (indexes first)
//   prepare [--embedded]  migrate, then seed the demo data into an empty database when the app
//                      runs as a local demo (--embedded: the database is the embedded FerretDB;
//                      see lib/seed/demo-data-policy.ts) or DEMO_DATA=1
//   seed [--large]     drop the demo tenants' data and seed them again (--large: 100,000 leads in acme)
//   connect-demo-twilio  connect the demo companies to the local Twilio (TWILIO_API_BASE on loopback)
import { connectDb, disconnectDb } from "@/lib/core/db/connect";
import { runMigrations } from "@/lib/migrations/run-migrations";
import { refreshDealRowsAfterSeed } from "@/lib/deals/list/index/refresh-after-seed";
import { refreshLeadIndexesAfterSeed } from "@/lib/leads/list/index/refresh-after-seed";
import { refreshMatchingAfterSeed } from "@/lib/matching/refresh-after-seed";
import { refreshBuyerIndexesAfterSeed } from "@/lib/buyers/list/index/refresh-after-seed";
import { refreshInboxRowsAfterSeed } from "@/lib/communications/conversations/refresh-after-seed";
import { getRedis } from "@/lib/core/redis";
import { DEMO_TENANTS } from "@/lib/seed/demo-users";
import { reseedDemo, seedDemoIfLocalDemo } from "@/lib/seed/seed-demo";
import { connectDemoTwilio } from "@/lib/seed/demo-twilio";

/** The demo companies' lead and buyer list read models (in Redis) follow the data just seeded. */
async function refreshLeadIndexes() {
  const started = performance.now();
  try {
    const done = await refreshLeadIndexesAfterSeed(DEMO_TENANTS.map((t) => t.subdomain));
    const built = done.filter((d) => d.indexed !== null);
    if (built.length) {
      const what = built.map((d) => `${d.subdomain} ${d.indexed!.toLocaleString("en-US")} leads`).join(", ");
      console.log(`Lead list index built (${what}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    await refreshDealRowsAfterSeed(DEMO_TENANTS.map((t) => t.subdomain));
    // Matching's buyer boxes and open properties (docs/matching.md) likewise.
    await refreshMatchingAfterSeed(DEMO_TENANTS.map((t) => t.subdomain));
    const buyers = (await refreshBuyerIndexesAfterSeed(DEMO_TENANTS.map((t) => t.subdomain))).filter((d) => d.indexed !== null);
    if (buyers.length) console.log(`Buyer list rows built (${buyers.map((d) => `${d.subdomain} ${d.indexed!.toLocaleString("en-US")} buyers`).join(", ")})`);
    await refreshInboxRowsAfterSeed(DEMO_TENANTS.map((t) => t.subdomain));
  } catch (err) {
    console.warn(`Lead list index not refreshed (${(err as Error).message}); start the app with Redis running, or wait for its next rebuild.`);
  } finally {
    getRedis().disconnect();
  }
}

async function main() {
  const [command, ...flags] = process.argv.slice(2);
  await connectDb();
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

  switch (command) {
    case "migrate": {
      const report = await runMigrations();
      console.log(`Migrations: ${report.applied.length} applied, ${report.skipped.length} already applied, ${report.indexes} indexes checked (${elapsed()})`);
      for (const step of report.applied) console.log(`  applied ${step}`);
      break;
    }
    case "prepare": {
      const report = await runMigrations();
      if (report.applied.length) console.log(`Migrations applied: ${report.applied.join(", ")}`);
      const { seeded, choice } = await seedDemoIfLocalDemo({ embedded: flags.includes("--embedded") });
      console.log(seeded ? `Seeded the demo data (${choice.reason}) in ${elapsed()}: ${JSON.stringify(seeded)}` : `Database ready (${elapsed()})`);
      if (!choice.seed) console.log(`No demo data: ${choice.reason}`);
      if (seeded) await refreshLeadIndexes();
      if (await connectDemoTwilio()) console.log("Demo companies connected to the local (simulated) Twilio");
      break;
    }
    case "seed": {
      await runMigrations();
      const counts = await reseedDemo({ large: flags.includes("--large") });
      console.log(`Seeded in ${elapsed()}: ${JSON.stringify(counts)}`);
      await refreshLeadIndexes();
      await connectDemoTwilio();
      break;
    }
    case "connect-demo-twilio": {
      const n = await connectDemoTwilio();
      console.log(`Demo companies connected to the local Twilio: ${n}`);
      break;
    }
    default:
      console.error("Usage: db-cli migrate | prepare [--embedded] | seed [--large] | connect-demo-twilio");
      process.exitCode = 2;
  }
  await disconnectDb();
}

main().catch(async (err) => {
  console.error(err instanceof Error ? err.message : err);
  await disconnectDb().catch(() => {});
  process.exit(1);
});
