import "server-only";
import { connectDb } from "@/lib/core/db/connect";
import { Tenant } from "@/models/tenant";
import { subdomainSchema } from "./sign-up-schema";

export type Availability = { available: boolean; subdomain?: string; message: string };

/** Whether a subdomain may be taken: well-formed, not reserved, not already a workspace. */
export async function checkSubdomain(raw: unknown): Promise<Availability> {
  const parsed = subdomainSchema.safeParse(raw);
  if (!parsed.success) return { available: false, message: parsed.error.issues[0]?.message ?? "Not a valid address" };
  await connectDb();
  const taken = await Tenant.exists({ subdomain: parsed.data });
  return taken
    ? { available: false, subdomain: parsed.data, message: `${parsed.data} is already taken` }
    : { available: true, subdomain: parsed.data, message: `${parsed.data} is available` };
}
