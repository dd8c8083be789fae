// Deal inputs, shared by the forms and the server actions. Flat field names, so every error names
// the field the person typed into; an empty field means "clear it".
import { z } from "zod";
import { amountSchema, dateSchema, objectIdSchema, optional, shortText } from "@/lib/zod/fields";
import { DEAL_STATUSES, DEAL_TYPES } from "@/models/deal-enums";

export const dealStatusSchema = z.enum(DEAL_STATUSES, { error: `Status must be one of: ${DEAL_STATUSES.join(", ")}` });
export const dealTypeSchema = z.enum(DEAL_TYPES, { error: `Deal type must be one of: ${DEAL_TYPES.join(", ")}` });

const amount = (label: string) => optional(amountSchema(label));
const date = (label: string) => optional(dateSchema(label));

/** The analyzer's inputs; the offer rule is the workspace's, read on the server. */
export const analysisInputSchema = z.object({
  arv: amountSchema("ARV"),
  repairs: z.preprocess((v) => (v === "" || v === undefined ? 0 : v), amountSchema("Repairs")),
  assignment_fee: z.preprocess((v) => (v === "" || v === undefined ? 0 : v), amountSchema("Assignment fee")),
});

export const dealAmountsSchema = z.object({
  purchase_price: amount("Purchase price"),
  sale_price: amount("Sale price"),
  rehab_cost: amount("Rehab cost"),
  closing_costs: amount("Closing costs"),
  holding_costs: amount("Holding costs"),
  assignment_fee: amount("Assignment fee"),
});

export const dealDatesSchema = z.object({
  contract_date: date("Contract date"),
  closing_date: date("Closing date"),
  rehab_start_date: date("Rehab start"),
  rehab_end_date: date("Rehab end"),
  listing_date: date("Listing date"),
  sale_date: date("Sale date"),
});

/** Create a deal from a lead: its type, contract price and date, and optionally the analyzer's run. */
export const createDealSchema = z.object({
  lead_id: objectIdSchema,
  deal_type: dealTypeSchema.default("wholesale"),
  purchase_price: amount("Purchase price"),
  contract_date: date("Contract date"),
  arv: amount("ARV"),
  repairs: amount("Repairs"),
  assignment_fee: amount("Assignment fee"),
});

/** The deal's details form: type, every amount, every date and the notes, edited together. */
export const updateDealSchema = z
  .object({ deal_id: objectIdSchema, deal_type: dealTypeSchema, notes: optional(shortText("Notes", 20_000)) })
  .extend(dealAmountsSchema.shape)
  .extend(dealDatesSchema.shape);

export const changeDealStatusSchema = z
  .object({
    deal_id: objectIdSchema,
    status: dealStatusSchema,
    cancel_reason: optional(shortText("Cancel reason", 1000)),
  })
  .superRefine((v, ctx) => {
    if (v.status === "cancelled" && !v.cancel_reason) ctx.addIssue({ code: "custom", path: ["cancel_reason"], message: "Say why the deal is cancelled" });
  });

/** An empty buyer unassigns. */
export const assignDealBuyerSchema = z.object({ deal_id: objectIdSchema, buyer_id: optional(objectIdSchema) });

export const saveDealAnalysisSchema = analysisInputSchema.extend({ deal_id: objectIdSchema });

export const offerRuleSchema = z.object({
  offer_rule: z.coerce.number({ error: "Offer rule must be a number" }).finite("Offer rule must be a number").min(1, "Offer rule must be 1 to 100 percent").max(100, "Offer rule must be 1 to 100 percent"),
});

export const dealIdSchema = z.object({ deal_id: objectIdSchema });

export type CreateDealInput = z.infer<typeof createDealSchema>;
export type UpdateDealInput = z.infer<typeof updateDealSchema>;
export type ChangeDealStatusInput = z.infer<typeof changeDealStatusSchema>;
