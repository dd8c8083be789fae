// The demo data: two companies (acme, professional plan; globex, basic plan) with realistic,
// deterministic leads, buyers, deals and conversations. Run by scripts/db-cli.ts.
import { hashPassword } from "@/lib/auth/password";
import { appDomain } from "@/lib/core/env";
import { isLocalDomain } from "@/lib/core/tenancy/origins";
import { Tenant } from "@/models/tenant";
import { seedBaseDate } from "./clock";
import { demoDataChoice, type DemoDataChoice } from "./demo-data-policy";
import { DEMO_PASSWORD, DEMO_TENANTS } from "./demo-users";
import { seedTenant, type SeedCounts } from "./seed-tenant";
import { databaseSinks, deleteDemoData, type SinkFactory } from "./write";

export type { SeedCounts };

/** Seeds the demo companies when the database has no tenant at all; otherwise returns null. */
export async function seedDemoIfEmpty(): Promise<SeedCounts | null> {
  if (await Tenant.exists({})) return null;
  try {
    return await seedDemo({ large: false });
  } catch (err) {
    // Another process (a second `npm run dev`) is seeding the same database: let it.
    if ((err as { code?: number }).code === 11000) return null;
    throw err;
  }
}

/**
 * What `npm start` does on every start: seed the demo companies into an empty database, but only
 * where the app runs as a local demo or DEMO_DATA=1 asks for them (demo-data-policy.ts).
 */
export async function seedDemoIfLocalDemo({ embedded }: { embedded: boolean }): Promise<{ seeded: SeedCounts | null; choice: DemoDataChoice }> {
  const choice = demoDataChoice({ demoData: process.env.DEMO_DATA, embedded, localDomain: isLocalDomain(appDomain()) });
  return { seeded: choice.seed ? await seedDemoIfEmpty() : null, choice };
}

/**
 * Deletes the demo companies' data in every collection and seeds them again. `large` seeds
 * 100,000 leads in acme and 20,000 in globex (for benchmarks); other collections keep their size.
 */
export async function reseedDemo({ large = false }: { large?: boolean } = {}): Promise<SeedCounts> {
  await deleteDemoData();
  return seedDemo({ large });
}

/** Generates the demo data into `sinks` (the database unless a test collects it in memory). */
export async function seedDemo({ large, base = seedBaseDate() }: { large: boolean; base?: Date }, sinks: SinkFactory = databaseSinks): Promise<SeedCounts> {
  // Argon2 is deliberately slow: hash once and share the hash among the demo users.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const totals: SeedCounts = {};
  for (const { key } of DEMO_TENANTS) {
    const counts = await seedTenant(key, { base, passwordHash, large }, sinks);
    for (const [name, n] of Object.entries(counts)) totals[name] = (totals[name] ?? 0) + n;
  }
  return totals;
}
