import { z } from "zod";
import { objectIdSchema } from "../fields";

/** Tags are stored as typed by people: trimmed, lower-case, single spaces ("Vacant  Lot" → "vacant lot"). */
export function normalizeTagName(name: string): string {
  return name.normalize("NFC").trim().toLowerCase().replace(/\s+/g, " ");
}

/**
 * What makes two tag names the same tag: case, spaces, hyphens and underscores aside
 * ("Absentee Owner", "absentee-owner" and "ABSENTEE_OWNER" are one tag). Every writer looks a
 * new name up by this key and uses the catalogue's name when there is one.
 */
export function tagKey(name: string): string {
  return normalizeTagName(name).replace(/[\s_-]+/g, "-").replace(/^-+|-+$/g, "");
}

export const tagNameSchema = z
  .string({ error: "Tag name is required" })
  .transform(normalizeTagName)
  .pipe(z.string().min(1, "Tag name is required").max(50, "Tag name must be at most 50 characters"));

export const tagColorSchema = z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, "Colour must be a hex colour such as #3b82f6").transform((c) => c.toLowerCase());

export const TAG_COLORS = ["#ef4444", "#f97316", "#f59e0b", "#eab308", "#84cc16", "#10b981", "#14b8a6", "#0ea5e9", "#3b82f6", "#6366f1", "#8b5cf6", "#a855f7", "#ec4899", "#64748b"] as const;

export const createTagSchema = z.object({ name: tagNameSchema, color: tagColorSchema.optional() });
export const updateTagSchema = z.object({ tag_id: objectIdSchema, color: tagColorSchema.optional(), description: z.string().trim().max(500, "Description must be at most 500 characters").optional() });
export const renameTagSchema = z.object({ tag_id: objectIdSchema, name: tagNameSchema });
export const mergeTagsSchema = z
  .object({ source_ids: z.array(objectIdSchema).min(1, "Choose tags to merge").max(50), target_id: objectIdSchema })
  .refine((v) => !v.source_ids.includes(v.target_id), { path: ["target_id"], message: "A tag cannot be merged into itself" });
export const deleteTagSchema = z.object({ tag_id: objectIdSchema });
