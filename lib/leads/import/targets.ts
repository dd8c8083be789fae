// Where a CSV column can go: "Don't import", then the targets of the lead's fields, from the field
// registry (lib/leads/fields.ts), and the workspace's custom fields (`custom:<key>`). Client-safe
// (the mapping screen lists these).
import { LEAD_FIELD_IMPORT_TARGETS, type FieldImportTarget, type ImportTargetDef } from "../fields";

const IGNORE = { value: "ignore", label: "Don't import", multi: true } as const;

export const IMPORT_TARGETS: readonly ImportTargetDef[] = [IGNORE, ...LEAD_FIELD_IMPORT_TARGETS];

export type ImportTarget = typeof IGNORE.value | FieldImportTarget | `custom:${string}`;
/** Targets that several columns may share (first valid wins, or all are appended). */
export const MULTI_TARGETS = new Set<string>(IMPORT_TARGETS.filter((t) => t.multi).map((t) => t.value));

export type ColumnMapping = { column: number; header: string; target: string };

export function isKnownTarget(target: string, customKeys: readonly string[]): boolean {
  if (target.startsWith("custom:")) return customKeys.includes(target.slice(7));
  return IMPORT_TARGETS.some((t) => t.value === target);
}
