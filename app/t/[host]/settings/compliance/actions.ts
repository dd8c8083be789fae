"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { tenantAction } from "@/lib/core/actions/tenant-action";
import { resolveFlaggedReply } from "@/lib/communications/compliance-overview";
import { describeCompanyHours } from "@/lib/communications/compliance/company-hours";
import { setCompanyHours } from "@/lib/communications/compliance/company-hours-store";

export const resolveFlaggedReplyAction = tenantAction(z.object({ id: z.string().min(1), decision: z.enum(["opt_out", "keep"]) }), "communications.write", async (ctx, { id, decision }) => {
  await resolveFlaggedReply(ctx, id, decision);
  revalidatePath("/t/[host]/settings/compliance", "page");
  return null;
});

const hour = z.coerce.number({ error: "Choose an hour" });
const checkbox = z.string().optional().transform((v) => v === "on" || v === "true");

export const saveCompanyHoursAction = tenantAction(
  z.object({
    enabled: checkbox,
    weekdayFrom: hour,
    weekdayTo: hour,
    saturdayOn: checkbox,
    saturdayFrom: hour,
    saturdayTo: hour,
    sundayOn: checkbox,
    sundayFrom: hour,
    sundayTo: hour,
    holidays: checkbox,
  }),
  "settings.manage",
  async (ctx, f) => {
    const hours = f.enabled
      ? await setCompanyHours(ctx, {
          weekday: { from: f.weekdayFrom, to: f.weekdayTo },
          saturday: f.saturdayOn ? { from: f.saturdayFrom, to: f.saturdayTo } : null,
          sunday: f.sundayOn ? { from: f.sundayFrom, to: f.sundayTo } : null,
          holidays: f.holidays,
        })
      : await setCompanyHours(ctx, null);
    revalidatePath("/t/[host]/settings/compliance", "page");
    return { summary: hours ? describeCompanyHours(hours) : null };
  },
);
