import type { ColumnId } from "@/lib/leads/list/columns";
import type { LeadRow } from "@/lib/leads/list/lead-row";
import type { LeadListQuery, ListQueryProblem } from "@/lib/leads/list/list-query";
import type { SavedViewVisibility } from "@/models/saved-view-enums";

export type ListUser = { id: string; name: string };
export type ListTag = { name: string; color: string };
export type ListView = { id: string; name: string; query: string; kind: "builtin" | "mine" | "shared"; visibility: SavedViewVisibility; ownerName?: string; description?: string; canEdit: boolean };

export type LeadListData = {
  rows: LeadRow[];
  total: number;
  nextCursor?: string;
  prevCursor?: string;
  problems: ListQueryProblem[];
};

export type LeadListProps = {
  data: LeadListData;
  query: LeadListQuery;
  columns: ColumnId[];
  users: ListUser[];
  tags: ListTag[];
  sources: string[];
  views: ListView[];
  activeView?: ListView;
  timeZone: string;
  me: { id?: string; isAdmin: boolean; seesAll: boolean };
  can: { write: boolean; assign: boolean; delete: boolean; export: boolean; create: boolean; import: boolean };
};
