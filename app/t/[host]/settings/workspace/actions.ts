"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { tenantAction } from "@/lib/core/actions/tenant-action";
import { changePlan } from "@/lib/settings/change-plan";
import { verifyCustomDomain } from "@/lib/settings/domain-verification";
import { setFeatureSwitches } from "@/lib/settings/feature-switches";
import { setRepsSeeAllLeads } from "@/lib/settings/set-reps-see-all-leads";
import { companyProfileSchema, customDomainSchema, featureSwitchesSchema, planSchema, repsSeeAllLeadsSchema, subdomainSchema } from "@/lib/settings/schemas";
import { changeSubdomain, setCustomDomain, updateCompanyProfile } from "@/lib/settings/update-workspace";

const refresh = () => revalidatePath("/", "layout");

export const saveCompanyProfileAction = tenantAction(companyProfileSchema, "settings.manage", async (ctx, input) => {
  await updateCompanyProfile(ctx, input);
  refresh();
  return { saved: true };
});

export const changeSubdomainAction = tenantAction(subdomainSchema, "settings.manage", async (ctx, { subdomain }) => {
  const { url } = await changeSubdomain(ctx, subdomain);
  return { url: `${url}/settings/workspace` };
});

export const setCustomDomainAction = tenantAction(customDomainSchema, "settings.manage", async (ctx, { domain }) => {
  const result = await setCustomDomain(ctx, domain);
  refresh();
  return result;
});

export const verifyCustomDomainAction = tenantAction(z.object({}), "settings.manage", async (ctx) => {
  const result = await verifyCustomDomain(ctx);
  refresh();
  return result;
});

export const saveFeatureSwitchesAction = tenantAction(featureSwitchesSchema, "settings.manage", async (ctx, input) => {
  await setFeatureSwitches(ctx, input);
  refresh();
  return { saved: true };
});

export const saveRepsSeeAllLeadsAction = tenantAction(repsSeeAllLeadsSchema, "settings.manage", async (ctx, { enabled }) => {
  await setRepsSeeAllLeads(ctx, enabled);
  refresh();
  return { saved: true };
});

export const changePlanAction = tenantAction(planSchema, "billing.manage", async (ctx, { plan }) => {
  await changePlan(ctx, plan);
  refresh();
  return { saved: true };
});
