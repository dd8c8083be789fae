"use server";
import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/core/actions/tenant-action";
import { deleteTag, mergeTags, renameTag, updateTag } from "@/lib/tags/tag-catalogue";
import { deleteTagSchema, mergeTagsSchema, renameTagSchema, updateTagSchema } from "@/lib/zod/schemas/tag";

const refresh = () => revalidatePath("/t/[host]/leads/tags", "page");

export const renameTagAction = tenantAction(renameTagSchema, "tags.manage", async (ctx, { tag_id, name }) => {
  const tag = await renameTag(ctx, tag_id, name);
  refresh();
  return tag;
});
export const updateTagAction = tenantAction(updateTagSchema, "tags.manage", async (ctx, { tag_id, ...input }) => {
  const tag = await updateTag(ctx, tag_id, input);
  refresh();
  return tag;
});
export const mergeTagsAction = tenantAction(mergeTagsSchema, "tags.manage", async (ctx, { source_ids, target_id }) => {
  const tag = await mergeTags(ctx, source_ids, target_id);
  refresh();
  return tag;
});
export const deleteTagAction = tenantAction(deleteTagSchema, "tags.manage", async (ctx, { tag_id }) => {
  await deleteTag(ctx, tag_id);
  refresh();
  return null;
});
