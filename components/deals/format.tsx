// How deal values read on screen (client-safe).
import { DEAL_STATUS_LABELS, DEAL_TYPE_LABELS, type DealStatus, type DealType } from "@/models/deal-enums";

export { DEAL_STATUS_LABELS, DEAL_TYPE_LABELS };

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });

export const money = (n: number | null | undefined) => (typeof n === "number" ? usd.format(n) : "—");
export const percent = (n: number | null | undefined) => (typeof n === "number" ? `${n.toLocaleString("en-US", { maximumFractionDigits: 1 })}%` : "—");
/** A stored date as its calendar day (dates are kept at noon UTC, so the day is the same everywhere). */
export const day = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleDateString("en-US", { dateStyle: "medium", timeZone: "UTC" }) : "—");
export const dateInput = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : "");

export const DEAL_STATUS_STYLES: Record<DealStatus, string> = {
  pending: "bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-100",
  under_contract: "bg-sky-100 text-sky-900 dark:bg-sky-900/40 dark:text-sky-100",
  closed: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/40 dark:text-emerald-100",
  cancelled: "bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
};

export function StatusBadge({ status }: { status: DealStatus }) {
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${DEAL_STATUS_STYLES[status]}`}>{DEAL_STATUS_LABELS[status]}</span>;
}

export const typeLabel = (t: DealType) => DEAL_TYPE_LABELS[t];
