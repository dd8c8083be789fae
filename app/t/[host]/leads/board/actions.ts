"use server";

import { z } from "zod";
import { tenantAction } from "@/lib/core/actions/tenant-action";
import { objectIdSchema } from "@/lib/zod/fields";
import { leadStatusSchema } from "@/lib/zod/schemas/lead";
import { parseListQuery } from "@/lib/leads/list/list-query";
import { requestTimeZone } from "@/lib/leads/list/time-zone";
import { getBoardColumnPage } from "@/lib/leads/board/get-board";
import { moveLeadToStatus } from "@/lib/leads/board/move-lead";

const moveSchema = z.object({ leadId: objectIdSchema, status: leadStatusSchema });
const moreSchema = z.object({ query: z.string().max(4000), status: leadStatusSchema, after: z.string().max(400).regex(/^[A-Za-z0-9_-]+$/) });

/** A card dropped on another column. */
export const moveLeadAction = tenantAction(moveSchema, "leads.write", async (ctx, input) => moveLeadToStatus(ctx, input.leadId, input.status));

/** "Load more" in a board column. */
export const loadBoardColumnAction = tenantAction(moreSchema, "leads.read", async (ctx, input) =>
  getBoardColumnPage(ctx, parseListQuery(new URLSearchParams(input.query)).query, input.status, input.after, { timeZone: await requestTimeZone() }),
);
