import "server-only";
import { getCustomFieldDefinitions } from "@/lib/custom-fields/definitions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { getLeadRecordOrThrow } from "@/lib/leads/get-lead";
import { getTenantOrThrow } from "@/lib/settings/get-tenant";
import { Buyer } from "@/models/buyer";
import { User } from "@/models/user";
import { notFound } from "@/lib/core/errors";
import { splitName, type FillInVariable, type TemplateValues } from "./render";

export type ContactRef = { kind: "lead" | "buyer"; id: string };

/** The sender's name as templates say it: the member's first name, else their name; null for the system. */
async function senderName(ctx: TenantContext): Promise<string | null> {
  const userId = ctx.actor?.kind === "member" ? ctx.actor.userId : ctx.userId;
  if (!userId) return null;
  const user = await scoped(ctx, User).findById(userId, { name: 1, first_name: 1 }).lean();
  return user?.first_name?.trim() || splitName(user?.name).first_name;
}

/**
 * Everything a template may say about one contact, read for this person (a lead they may not see,
 * another company's id: not found). `fillIn`: what the sender typed for offer amounts and the like.
 */
export async function templateValuesFor(
  ctx: TenantContext,
  contact: ContactRef,
  fillIn: Partial<Record<FillInVariable, string>> = {},
): Promise<{ values: TemplateValues; customKeys: string[] }> {
  const [tenant, rep, definitions] = await Promise.all([getTenantOrThrow(ctx), senderName(ctx), getCustomFieldDefinitions(ctx)]);
  const common = { rep_name: rep, company_name: tenant.name ?? null, ...fillIn };
  const customKeys = definitions.map((d) => d.key);
  if (contact.kind === "lead") {
    const lead = await getLeadRecordOrThrow(ctx, contact.id);
    return {
      values: { ...splitName(lead.name), property_address: lead.address?.full_address ?? null, custom: (lead.custom_fields ?? {}) as Record<string, unknown>, ...common },
      customKeys,
    };
  }
  const buyer = await scoped(ctx, Buyer).findById(contact.id, { name: 1 }).lean();
  if (!buyer) throw notFound("Buyer");
  return { values: { ...splitName(buyer.name), property_address: null, custom: {}, ...common }, customKeys };
}
