// Tags in a catalogue that are one tag written two ways ("absentee owner" beside "absentee-owner"),
// from before names were matched by their key. Client-safe: the tags page offers to merge them.
import { tagKey } from "@/lib/zod/schemas/tag";

type TagLike = { id: string; name: string; usageCount: number; isSystem: boolean };

/**
 * Groups of look-alike tags, each with the tag to keep (a system tag, else the most used) and
 * the tags to merge into it (never a system tag: merging one away would remove it).
 */
export function lookAlikeGroups<T extends TagLike>(tags: readonly T[]): { target: T; sources: T[] }[] {
  const byKey = new Map<string, T[]>();
  for (const t of tags) byKey.set(tagKey(t.name), [...(byKey.get(tagKey(t.name)) ?? []), t]);
  const groups: { target: T; sources: T[] }[] = [];
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    const ranked = [...group].sort((a, b) => Number(b.isSystem) - Number(a.isSystem) || b.usageCount - a.usageCount || a.name.localeCompare(b.name));
    const sources = ranked.slice(1).filter((t) => !t.isSystem);
    if (sources.length) groups.push({ target: ranked[0], sources });
  }
  return groups;
}
