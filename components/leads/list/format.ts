// Display helpers for the lead list (client and server).

export { PRIORITY_LABELS, STATUS_LABELS, sourceLabel } from "@/lib/leads/enum-labels";

export const FOLLOW_UP_LABELS: Record<string, string> = {
  overdue: "Follow-up overdue",
  today: "Follow-up due today",
  due: "Follow-up due (today or overdue)",
  upcoming: "Follow-up upcoming",
  none: "No follow-up set",
};

export const STATUS_STYLES: Record<string, string> = {
  new: "bg-sky-100 text-sky-900 dark:bg-sky-900/50 dark:text-sky-100",
  contacted: "bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-100",
  under_contract: "bg-violet-100 text-violet-900 dark:bg-violet-900/50 dark:text-violet-100",
  closed: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-100",
  lost: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
};

export const PRIORITY_STYLES: Record<string, string> = {
  low: "text-slate-600 dark:text-slate-300",
  medium: "text-slate-800 dark:text-slate-100",
  high: "font-semibold text-orange-800 dark:text-orange-300",
  urgent: "font-semibold text-red-800 dark:text-red-300",
};

/** (555) 123-4567 for North American numbers, the E.164 form otherwise. */
export function formatPhone(e164: string | undefined): string {
  if (!e164) return "";
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : e164;
}

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
export function formatMoney(n: number | undefined): string {
  return n === undefined ? "" : money.format(n);
}

export const numberFormat = new Intl.NumberFormat("en-US");

/** A date in the person's time zone: "Jul 15" this year, "Jul 15, 2025" otherwise; with time when asked. */
export function formatDate(iso: string | undefined, timeZone: string, withTime = false): string {
  if (!iso) return "";
  const d = new Date(iso);
  const thisYear = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric" }).format(new Date()) === new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric" }).format(d);
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    month: "short",
    day: "numeric",
    ...(thisYear ? {} : { year: "numeric" }),
    ...(withTime ? { hour: "numeric", minute: "2-digit" } : {}),
  }).format(d);
}

/** Where a follow-up stands relative to today, for colouring it. */
export function followUpState(iso: string | undefined, timeZone: string, status: string): "overdue" | "today" | "later" | null {
  if (!iso || status === "closed" || status === "lost") return null;
  const key = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
  const day = key(new Date(iso));
  const today = key(new Date());
  return day < today ? "overdue" : day === today ? "today" : "later";
}
