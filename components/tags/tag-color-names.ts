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

/** Hue (degrees), chroma and lightness (0 to 1) of a #rrggbb colour. */
function hsl(hex: string): { h: number; c: number; l: number } {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  const d = max - min;
  if (d === 0) return { h: 0, c: 0, l };
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return { h: (h * 60 + 360) % 360, c: d, l };
}

const GREY = "#64748b";

/**
 * The colour's name. A colour outside the palette (an import or an older tag: "#dc2626") is
 * named after the palette colour nearest in hue, "Dark red" or "Light red" when it is clearly
 * darker or lighter, so no one is shown a raw code.
 */
export function tagColorName(color: string): string {
  const code = color.trim().toLowerCase();
  if (NAMES[code]) return NAMES[code];
  const full = /^#[0-9a-f]{3}$/.test(code) ? `#${[...code.slice(1)].map((c) => c + c).join("")}` : code;
  if (!/^#[0-9a-f]{6}$/.test(full)) return "Custom colour";
  const mine = hsl(full);
  let nearest = GREY;
  if (mine.c >= 0.12) {
    let best = Infinity;
    for (const candidate of Object.keys(NAMES).filter((c) => c !== GREY)) {
      const apart = Math.abs(hsl(candidate).h - mine.h);
      const distance = Math.min(apart, 360 - apart);
      if (distance < best) [best, nearest] = [distance, candidate];
    }
  }
  const shift = mine.l - hsl(nearest).l;
  const name = NAMES[nearest];
  return shift < -0.05 ? `Dark ${name.toLowerCase()}` : shift > 0.12 ? `Light ${name.toLowerCase()}` : name;
}
