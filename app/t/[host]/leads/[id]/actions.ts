"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { tenantAction } from "@/lib/core/actions/tenant-action";
import { mergeLeads, previewMerge } from "@/lib/leads/merge/merge-leads";
import { getLeadTimeline } from "@/lib/leads/timeline/get-lead-timeline";
import { addLeadNote } from "@/lib/leads/write/add-lead-note";
import { deleteLead } from "@/lib/leads/write/delete-lead";
import { assignLead } from "@/lib/leads/write/assign-lead";
import { changeLeadPriority, changeLeadStatus } from "@/lib/leads/write/change-lead-status";
import { setFollowUp } from "@/lib/leads/write/set-follow-up";
import { setLeadCustomFields } from "@/lib/leads/write/set-lead-custom-fields";
import { setLeadTags } from "@/lib/leads/write/set-lead-tags";
import { updateLeadDetails } from "@/lib/leads/write/update-lead-details";
import { createTag } from "@/lib/tags/tag-catalogue";
import { objectIdSchema } from "@/lib/zod/fields";
import {
  addLeadNoteSchema,
  assignLeadSchema,
  changeLeadPrioritySchema,
  changeLeadStatusSchema,
  mergeLeadsSchema,
  setFollowUpSchema,
  setLeadCustomFieldsSchema,
  setLeadTagsSchema,
  updateLeadDetailsSchema,
} from "@/lib/zod/schemas/lead";
import { createTagSchema } from "@/lib/zod/schemas/tag";

// Paths are per host segment; revalidating the route pattern covers every tenant's page of that lead.
const refresh = () => revalidatePath("/t/[host]/leads/[id]", "page");

export const updateLeadDetailsAction = tenantAction(updateLeadDetailsSchema, "leads.write", async (ctx, { lead_id, ...input }) => {
  const { changes, duplicates } = await updateLeadDetails(ctx, lead_id, input);
  refresh();
  return { changed: Object.keys(changes), duplicates };
});

export const changeLeadStatusAction = tenantAction(changeLeadStatusSchema, "leads.write", async (ctx, { lead_id, status }) => {
  await changeLeadStatus(ctx, lead_id, status);
  refresh();
  return null;
});

export const changeLeadPriorityAction = tenantAction(changeLeadPrioritySchema, "leads.write", async (ctx, { lead_id, priority }) => {
  await changeLeadPriority(ctx, lead_id, priority);
  refresh();
  return null;
});

export const assignLeadAction = tenantAction(assignLeadSchema, "leads.assign", async (ctx, { lead_id, assigned_to }) => {
  await assignLead(ctx, lead_id, assigned_to);
  refresh();
  return null;
});

export const setFollowUpAction = tenantAction(setFollowUpSchema, "leads.write", async (ctx, { lead_id, next_follow_up }) => {
  await setFollowUp(ctx, lead_id, next_follow_up);
  refresh();
  return null;
});

export const setLeadTagsAction = tenantAction(setLeadTagsSchema, "leads.write", async (ctx, { lead_id, tags }) => {
  await setLeadTags(ctx, lead_id, tags);
  refresh();
  return null;
});

export const createTagAction = tenantAction(createTagSchema, "leads.write", async (ctx, input) => createTag(ctx, input));

export const addLeadNoteAction = tenantAction(addLeadNoteSchema, "leads.write", async (ctx, { lead_id, text }) => {
  await addLeadNote(ctx, lead_id, text);
  refresh();
  return null;
});

export const setLeadCustomFieldsAction = tenantAction(setLeadCustomFieldsSchema, "leads.write", async (ctx, { lead_id, custom_fields }) => {
  await setLeadCustomFields(ctx, lead_id, custom_fields);
  refresh();
  return null;
});

export const mergeLeadsAction = tenantAction(mergeLeadsSchema, "leads.write", async (ctx, { keep_id, merge_id, choices }) => {
  const res = await mergeLeads(ctx, keep_id, merge_id, { choices });
  refresh();
  return res;
});

export const previewMergeAction = tenantAction(z.object({ keep_id: objectIdSchema, merge_id: objectIdSchema }), "leads.write", async (ctx, { keep_id, merge_id }) => previewMerge(ctx, keep_id, merge_id));

export const deleteLeadAction = tenantAction(z.object({ lead_id: objectIdSchema }), "leads.delete", async (ctx, { lead_id }) => {
  // No revalidation: it would re-render this (now missing) lead page in the response; the
  // browser goes to the list, which is rendered fresh.
  return deleteLead(ctx, lead_id);
});

export const loadTimelineAction = tenantAction(z.object({ lead_id: objectIdSchema, before: z.string().max(40) }), "leads.read", async (ctx, { lead_id, before }) =>
  getLeadTimeline(ctx, lead_id, { before }),
);
