// What the builders of one demo company share while its data is generated.
import type { Types } from "mongoose";
import type { Role } from "@/lib/core/db/tenant-context";
import type { City } from "./data/places";
import type { DemoTenantKey } from "./demo-users";
import type { IdFactory } from "./ids";
import type { PlanDefaults } from "@/lib/tenants/plans";

export type SeedUser = { _id: Types.ObjectId; name: string; first_name: string; email: string; role: Role };

/** A plain document as written to the database (the seed inserts through the driver). */
export type Doc = Record<string, unknown> & { _id: Types.ObjectId };

export type TemplateUse = { _id: Types.ObjectId; content: string; uses: number };

export type TenantSeedContext = {
  key: DemoTenantKey;
  tenantId: Types.ObjectId;
  companyName: string;
  base: Date;
  cities: readonly City[];
  plan: PlanDefaults;
  users: { all: SeedUser[]; admin: SeedUser; reps: SeedUser[]; dispo: SeedUser };
  templates: Map<string, TemplateUse>;
  /** Phone numbers already handed out in this company (leads, buyers, users): each is unique. */
  phones: Set<string>;
  /** Street + ZIP pairs already used by this company's leads. */
  addresses: Set<string>;
  id: (collection: string) => IdFactory;
};
