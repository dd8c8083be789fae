// Names people can tell apart for the tag palette (lib/zod/schemas/tag.ts TAG_COLORS), for the
// colour pickers and screen readers, which otherwise offered "#f59e0b".
const NAMES: Record<string, string> = {
  "#ef4444": "Red",
  "#f97316": "Orange",
  "#f59e0b": "Amber",
  "#eab308": "Yellow",
  "#84cc16": "Lime",
  "#10b981": "Green",
  "#14b8a6": "Teal",
  "#0ea5e9": "Sky blue",
  "#3b82f6": "Blue",
  "#6366f1": "Indigo",
  "#8b5cf6": "Violet",
  "#a855f7": "Purple",
  "#ec4899": "Pink",
  "#64748b": "Grey",
};

/** The colour's name, or its code for a colour outside the palette. */
export function tagColorName(color: string): string {
  return NAMES[color.toLowerCase()] ?? color;
}
