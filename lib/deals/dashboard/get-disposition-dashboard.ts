// The disposition manager's dashboard: deals by status, closings this month and next, assignment
// fees and profit by month this year, days from contract to close, buyers contacted this week,
// open deals with no buyer yet. Computed here from every deal of the company and this week's
// messages to buyers (FerretDB's aggregation has no $cond/$dateToString/$avg, and months are in
// the person's time zone), taken from the read models (the deal rows of lib/deals/list/index and
// the buyers' contacts of buyer-contacts.ts, kept by events in Redis and memory) when they are
// built, else read from the database as the same rows: the same values either way.
import "server-only";
import { can, requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { dayKey, DEFAULT_TIME_ZONE, startOfDayIn } from "@/lib/leads/list/day-range";
import { Communication } from "@/models/communication";
import { DEAL_STATUSES, DEAL_STATUS_LABELS, type DealStatus } from "@/models/deal-enums";
import { rowsOf } from "@/lib/core/read-models/read-model";
import type { DealIndexRow } from "../list/index/deal-index-row";
import { dealReadModelsEnabled } from "../list/index/deal-read-model";
import { currentDealRows, readDealRows } from "../list/list-deals";
import { buyerContactReadModel, CONTACT_FILTER } from "./buyer-contacts";

const DAY_MS = 86_400_000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export type DealRow = { id: string; address: string; status: DealStatus; date: string | null; hasBuyer: boolean };

export type MonthBucket = { key: string; label: string; from: string; to: string; count: number; deals: DealRow[] };

export type DispositionDashboard = {
  timeZone: string;
  year: number;
  totalDeals: number;
  byStatus: { status: DealStatus; label: string; count: number }[];
  closings: { thisMonth: MonthBucket; nextMonth: MonthBucket };
  monthly: { key: string; label: string; closed: number; assignmentFees: number; profit: number }[];
  yearTotals: { closed: number; assignmentFees: number; profit: number };
  daysToClose: { average: number | null; median: number | null; deals: number };
  buyersContactedThisWeek: { count: number; since: string };
  noBuyer: { count: number; deals: DealRow[] };
};

function ymd(instant: Date, tz: string) {
  const [y, m, d] = dayKey(instant, tz).split("-").map(Number);
  return { y, m, d };
}

function monthStart(y: number, m: number, tz: string): Date {
  const norm = new Date(Date.UTC(y, m - 1, 1));
  return startOfDayIn(norm.getUTCFullYear(), norm.getUTCMonth() + 1, 1, tz);
}

const money = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);

function toRow(d: DealIndexRow, date: number | undefined): DealRow {
  return {
    id: d._id,
    address: d.full || d.street || "Deal without an address",
    status: d.status,
    date: date !== undefined ? new Date(date).toISOString() : null,
    hasBuyer: !!d.buyer,
  };
}

/** Monday 00:00 of the week that contains `now`, in the time zone. */
export function weekStart(now: Date, tz: string): Date {
  const { y, m, d } = ymd(now, tz);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
  const back = (weekday + 6) % 7;
  const monday = new Date(Date.UTC(y, m - 1, d - back));
  return startOfDayIn(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate(), tz);
}

/**
 * Every deal of the company and the buyers contacted in [since, now]: from the read models when
 * both are built, else from the database (also when Redis does not answer). `source: "database"`
 * reads the database (tests comparing both, the benchmark).
 */
async function dashboardSource(ctx: TenantContext, since: Date, now: Date, source: "auto" | "database"): Promise<{ deals: DealIndexRow[]; contacted: Set<string> }> {
  const [rows, contacts] = await Promise.all([
    currentDealRows(ctx.tenantId, { source }),
    source === "auto" && dealReadModelsEnabled()
      ? buyerContactReadModel.current(ctx.tenantId).catch((err: unknown) => (console.error("[deal read model] read failed, reading the database", err), null))
      : null,
  ]);
  if (rows && contacts) {
    const contacted = new Set<string>();
    const [from, to] = [since.getTime(), now.getTime()];
    for (const c of rowsOf(contacts)) if (c.at >= from && c.at <= to) contacted.add(c.buyer);
    return { deals: rows, contacted };
  }
  const [deals, messages] = await Promise.all([
    rows ?? readDealRows(ctx, {}, { join: false }),
    scoped(ctx, Communication)
      .find({ ...CONTACT_FILTER, created_at: { $gte: since, $lte: now } }, { recipient_id: 1 })
      .lean<{ recipient_id: unknown }[]>(),
  ]);
  return { deals, contacted: new Set(messages.map((m) => String(m.recipient_id))) };
}

/** Who sees it: those who see every deal and read reports (disposition managers and admins). */
export function mayUseDispositionDashboard(ctx: TenantContext): boolean {
  return can(ctx, "deals.read") && can(ctx, "leads.read_all") && can(ctx, "analytics.read");
}

/**
 * The dashboard of every deal of the company: for those who see all deals and read analytics
 * (disposition managers and admins).
 */
export async function getDispositionDashboard(
  ctx: TenantContext,
  { timeZone = DEFAULT_TIME_ZONE, now = new Date(), source = "auto" }: { timeZone?: string; now?: Date; source?: "auto" | "database" } = {},
): Promise<DispositionDashboard> {
  requirePermission(ctx, "deals.read");
  requirePermission(ctx, "leads.read_all");
  requirePermission(ctx, "analytics.read");
  const tz = timeZone;
  const { y, m } = ymd(now, tz);
  const thisMonthFrom = monthStart(y, m, tz);
  const nextMonthFrom = monthStart(y, m + 1, tz);
  const afterNext = monthStart(y, m + 2, tz);
  const since = weekStart(now, tz);

  const { deals, contacted } = await dashboardSource(ctx, since, now, source);

  const counts = Object.fromEntries(DEAL_STATUSES.map((s) => [s, 0])) as Record<DealStatus, number>;
  const monthly = MONTHS.map((label, i) => ({ key: `${y}-${String(i + 1).padStart(2, "0")}`, label, closed: 0, assignmentFees: 0, profit: 0 }));
  // This year's month boundaries in the zone, computed once: bucketing thousands of closings by
  // comparing instants, not by formatting each one's date in the zone (Intl: ~20 µs a call).
  const monthStarts = Array.from({ length: 13 }, (_, i) => monthStart(y, i + 1, tz).getTime());
  const monthOf = (t: number) => {
    if (t < monthStarts[0] || t >= monthStarts[12]) return undefined;
    let i = 0;
    while (t >= monthStarts[i + 1]) i += 1;
    return monthly[i];
  };
  const bucket = (from: Date, to: Date): MonthBucket => {
    const { y: by, m: bm } = ymd(from, tz);
    return { key: `${by}-${String(bm).padStart(2, "0")}`, label: `${MONTHS[bm - 1]} ${by}`, from: from.toISOString(), to: to.toISOString(), count: 0, deals: [] };
  };
  const thisMonth = bucket(thisMonthFrom, nextMonthFrom);
  const nextMonth = bucket(nextMonthFrom, afterNext);
  const spans: number[] = [];
  const noBuyer: { deal: DealIndexRow; date: number | undefined; at: number }[] = [];
  const [thisFrom, nextFrom, afterFrom] = [thisMonthFrom.getTime(), nextMonthFrom.getTime(), afterNext.getTime()];

  for (const d of deals) {
    if (d.status in counts) counts[d.status] += 1;
    const closing = d.closing_date;
    const contract = d.contract_date;
    if (closing !== undefined && d.status !== "cancelled") {
      if (closing >= thisFrom && closing < nextFrom) thisMonth.deals.push(toRow(d, closing));
      else if (closing >= nextFrom && closing < afterFrom) nextMonth.deals.push(toRow(d, closing));
    }
    if (d.status === "closed" && closing !== undefined) {
      const b = monthOf(closing);
      if (b) {
        b.closed += 1;
        b.assignmentFees += money(d.assignment_fee);
        b.profit += money(d.profit);
      }
      if (contract !== undefined && closing >= contract) spans.push((closing - contract) / DAY_MS);
    }
    if ((d.status === "pending" || d.status === "under_contract") && !d.buyer) {
      const date = contract ?? d.created_at;
      noBuyer.push({ deal: d, date, at: date ?? 0 });
    }
  }

  for (const b of [thisMonth, nextMonth]) {
    // Ties by id: the same order whichever source listed the deals first.
    b.deals.sort((a, c) => (a.date ?? "").localeCompare(c.date ?? "") || a.id.localeCompare(c.id));
    b.count = b.deals.length;
  }
  spans.sort((a, b) => a - b);
  const average = spans.length ? Math.round((spans.reduce((s, n) => s + n, 0) / spans.length) * 10) / 10 : null;
  const median = spans.length ? Math.round((spans.length % 2 ? spans[(spans.length - 1) / 2] : (spans[spans.length / 2 - 1] + spans[spans.length / 2]) / 2) * 10) / 10 : null;
  noBuyer.sort((a, b) => a.at - b.at || a.deal._id.localeCompare(b.deal._id));

  return {
    timeZone: tz,
    year: y,
    totalDeals: deals.length,
    byStatus: DEAL_STATUSES.map((s) => ({ status: s, label: DEAL_STATUS_LABELS[s], count: counts[s] })),
    closings: { thisMonth, nextMonth },
    monthly,
    yearTotals: monthly.reduce((t, b) => ({ closed: t.closed + b.closed, assignmentFees: t.assignmentFees + b.assignmentFees, profit: t.profit + b.profit }), { closed: 0, assignmentFees: 0, profit: 0 }),
    daysToClose: { average, median, deals: spans.length },
    buyersContactedThisWeek: { count: contacted.size, since: since.toISOString() },
    noBuyer: { count: noBuyer.length, deals: noBuyer.slice(0, 10).map((n) => toRow(n.deal, n.date)) },
  };
}
