"use server";

import { z } from "zod";
import { tenantAction } from "@/lib/core/actions/tenant-action";
import { logCallOutcome } from "@/lib/communications/calls/log-call-outcome";
import { requestCall } from "@/lib/communications/calls/request-call";
import { CALL_DISPOSITIONS } from "@/models/communication";

const callSchema = z.object({
  kind: z.enum(["lead", "buyer"]),
  id: z.string().max(40),
  phone: z.string().max(40).optional(),
  intentKey: z.string().min(1).max(200),
});

/** Click-to-call from a lead or buyer (the CallButton). */
export const requestCallAction = tenantAction(callSchema, "communications.write", (ctx, input) =>
  requestCall(ctx, { to: { kind: input.kind, id: input.id, phone: input.phone }, intentKey: input.intentKey }),
);

const outcomeSchema = z.object({ communicationId: z.string().max(40), disposition: z.enum(CALL_DISPOSITIONS), note: z.string().max(5000).optional() });

/** The note and disposition after a call. */
export const logCallOutcomeAction = tenantAction(outcomeSchema, "communications.write", async (ctx, input) => {
  await logCallOutcome(ctx, input.communicationId, { disposition: input.disposition, note: input.note });
  return { saved: true };
});
