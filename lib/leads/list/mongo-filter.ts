import "server-only";
import { Types } from "mongoose";
import { LEAD_FIELDS, type LeadFieldDef } from "@/lib/leads/fields";
import type { Clause, RowField } from "./criteria";
import { prefixPattern } from "@/lib/leads/search/search-terms";
import type { AnySegment, Position } from "./sort-spec";

type Filter = Record<string, unknown>;

// Ids of users are stored as ObjectIds (the registry's "user" fields), as is the lead's own.
const OBJECT_ID_FIELDS = new Set<string>(["_id", ...(LEAD_FIELDS as readonly LeadFieldDef[]).filter((f) => f.kind === "user").map((f) => f.path)]);

function storedValue(field: RowField, value: string | null): unknown {
  if (value === null) return null;
  return OBJECT_ID_FIELDS.has(field) ? new Types.ObjectId(value) : value;
}

/** One clause as a MongoDB condition (only the portable operators of MONGO-SUBSET.md). */
export function clauseFilter(clause: Clause): Filter {
  switch (clause.kind) {
    case "in":
      return { [clause.field]: { $in: clause.values.map((v) => storedValue(clause.field, v)) } };
    case "nin":
      return { [clause.field]: { $nin: clause.values.map((v) => storedValue(clause.field, v)) } };
    case "range": {
      const cond: Filter = {};
      if (clause.gte !== undefined) cond.$gte = clause.gte;
      if (clause.lt) cond.$lt = clause.lt;
      if (clause.lte !== undefined) cond.$lte = clause.lte;
      if (clause.gte === undefined && !clause.lt && clause.lte === undefined) cond.$ne = null;
      return { [clause.field]: cond };
    }
    case "present":
      return clause.present ? { [clause.field]: { $nin: [null, ""] } } : { [clause.field]: { $in: [null, ""] } };
    case "prefix":
      return { [clause.field]: { $regex: prefixPattern(clause.prefix) } };
  }
}

/** AND of conditions, flattened; `{}` when there is none. */
export function and(...parts: (Filter | undefined)[]): Filter {
  const list = parts.filter((p): p is Filter => !!p && Object.keys(p).length > 0);
  if (list.length === 0) return {};
  if (list.length === 1) return list[0];
  return { $and: list };
}

export function clausesFilter(clauses: Clause[]): Filter {
  return and(...clauses.map(clauseFilter));
}

/** The leads that belong to one segment of a sort order. */
export function segmentFilter(seg: AnySegment): Filter | undefined {
  if (seg.kind === "value") return seg.required ? undefined : { [seg.field]: { $ne: null } };
  return { [seg.field]: seg.value };
}

/** The order inside a segment; `reverse` reads it backwards (for the previous page). */
export function segmentSort(seg: AnySegment, reverse = false): Record<string, 1 | -1> {
  const flip = (d: 1 | -1) => (reverse ? (-d as 1 | -1) : d);
  if (seg.kind === "value") return { [seg.field]: flip(seg.dir), _id: flip(seg.dir) };
  return { _id: flip(-1) };
}

/** The leads of a segment strictly after (or, reversed, before) a position in it. */
export function keysetFilter(seg: AnySegment, pos: Position, reverse = false): Filter {
  const id = new Types.ObjectId(pos.id);
  if (seg.kind === "value") {
    const forwardUp = seg.dir === 1 ? !reverse : reverse;
    const op = forwardUp ? "$gt" : "$lt";
    return { $or: [{ [seg.field]: { [op]: pos.v } }, { [seg.field]: pos.v, _id: { [op]: id } }] };
  }
  return { _id: { [reverse ? "$gt" : "$lt"]: id } };
}
