// Keyset page cursors: an opaque, URL-safe token for a position in one sort order (of any list:
// leads, buyers; the sort key is whatever the list calls it). Decoding
// validates everything (the token comes from the URL), and a token made for another sort order
// is refused rather than misread.
import { z } from "zod";
import type { Position } from "./sort-spec";

const payloadSchema = z.object({
  k: z.string().max(40),
  d: z.enum(["asc", "desc"]),
  s: z.number().int().min(0).max(20),
  v: z
    .discriminatedUnion("t", [
      z.object({ t: z.literal("d"), x: z.string().max(40) }),
      z.object({ t: z.literal("n"), x: z.number().finite() }),
      z.object({ t: z.literal("s"), x: z.string().max(200) }),
    ])
    .optional(),
  id: z.string().regex(/^[0-9a-f]{24}$/),
});

export function encodeCursor(key: string, dir: "asc" | "desc", pos: Position): string {
  const v =
    pos.v === undefined
      ? undefined
      : pos.v instanceof Date
        ? { t: "d", x: pos.v.toISOString() }
        : typeof pos.v === "number"
          ? { t: "n", x: pos.v }
          : { t: "s", x: pos.v };
  return Buffer.from(JSON.stringify({ k: key, d: dir, s: pos.s, v, id: pos.id })).toString("base64url");
}

/** The position a cursor names, or null when it is malformed or made for another order. */
export function decodeCursor(token: string, key: string, dir: "asc" | "desc"): Position | null {
  try {
    const parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(token, "base64url").toString("utf8")));
    if (!parsed.success || parsed.data.k !== key || parsed.data.d !== dir) return null;
    const { s, v, id } = parsed.data;
    if (!v) return { s, id };
    if (v.t === "d") {
      const date = new Date(v.x);
      return Number.isNaN(date.getTime()) ? null : { s, v: date, id };
    }
    return { s, v: v.x, id };
  } catch {
    return null;
  }
}
