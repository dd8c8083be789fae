// What each workspace page's lead reads cost over the lead list read model, CPU-bound, without a
// database: list first page + total, a filtered list, a sort by name, search as you type (name,
// phone fragments, e-mail domain, street, city), the board and the dashboard, as the admin and as
// a rep who sees only their own leads, at 1,000 to 1,000,000 leads.
//
// The tenant's rows are generated with the seed's builder and written to the local Redis as a
// finished build (scripts/bench/lib/lead-rows.ts), loaded as a web process loads them, and the
// pages' own data-layer calls (listLeads, getBoard, getDashboardSummary + getMyFollowUps) timed,
// each including the request's catch-up with Redis. Two ways: "steady", the same call again with
// no change in between; and "after an edit", each call preceded by one lead edited through the
// change log (what a busy tenant sees: every call pays for what changed). p50/p95 wall time and
// this process's CPU per call (user + system): on a shared machine the CPU is the code's cost,
// the wall time mostly the wait for a CPU.
//
//   node --conditions=react-server --import tsx scripts/bench/read-model-queries.ts [--sizes 1000,5000,100000,1000000] [--runs 30]
//   (npm run bench:read-model-queries -- ...)
import { loadavg } from "node:os";
import { effectivePermissions } from "@/lib/core/permissions";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { getRedis } from "@/lib/core/redis";
import { getDashboardSummary } from "@/lib/dashboard/get-dashboard-summary";
import { getMyFollowUps } from "@/lib/dashboard/get-my-follow-ups";
import { getBoard } from "@/lib/leads/board/get-board";
import type { IndexRow } from "@/lib/leads/list/index/index-row";
import { leadReadModel } from "@/lib/leads/list/index/lead-read-model";
import { listLeads } from "@/lib/leads/list/list-leads";
import { parseListQuery } from "@/lib/leads/list/list-query";
import { writeLeadRows } from "./lib/lead-rows";
import { ms, summarise } from "./lib/measure";
import { benchLog, option } from "./lib/options";

const log = benchLog("read-model-queries");
const SIZES = (option("--sizes") ?? "1000,5000,100000,1000000").split(",").map(Number);
const RUNS = Number(option("--runs") ?? 30);
const TZ = "America/Chicago";
const PRIORITIES = ["low", "medium", "high", "urgent"];
const q = (s: string) => parseListQuery(new URLSearchParams(s)).query;
const store = leadReadModel.store;

type Line = { size: number; role: string; page: string; steady: Timing; edited: Timing };
type Timing = { p50: number; p95: number; cpu: number };

const ctxOf = (tenantId: string, userId: string, role: "admin" | "acquisition_rep"): TenantContext => ({
  tenantId,
  userId,
  role,
  actor: { kind: "member", userId, role },
  permissions: effectivePermissions(role),
});

/** What a rep types, taken from one of the tenant's leads (the seed's data decides the words). */
function searches(row: IndexRow): [string, string][] {
  const last = row.name.split(" ").pop()!.toLowerCase();
  const digits = (row.phone ?? "").replace(/\D/g, "");
  const local = digits.slice(-7);
  const domain = (row.email ?? "someone@example.net").split("@")[1];
  const street = (row.street ?? "Main St").split(" ").find((w) => /^[a-z]{3,}$/i.test(w)) ?? "Main";
  return [
    [`name, 1 letter ("${last[0]}")`, last[0]],
    [`name, 3 letters ("${last.slice(0, 3)}")`, last.slice(0, 3)],
    [`first + last ("${row.name.split(" ")[0].slice(0, 4)} ${last.slice(0, 3)}")`, `${row.name.split(" ")[0].slice(0, 4)} ${last.slice(0, 3)}`],
    [`phone, last four ("${digits.slice(-4)}")`, digits.slice(-4)],
    [`phone, local number ("${local.slice(0, 3)}-${local.slice(3)}")`, `${local.slice(0, 3)}-${local.slice(3)}`],
    [`e-mail domain ("${domain}")`, domain],
    [`street ("${street}")`, street],
    [`city ("${row.city ?? "Dallas"}")`, row.city ?? "Dallas"],
  ];
}

async function timeCall(fn: () => Promise<unknown>, before?: () => Promise<void>): Promise<Timing> {
  for (let i = 0; i < 2; i++) {
    await before?.();
    await fn();
  }
  const wall: number[] = [];
  let cpu = 0;
  for (let i = 0; i < RUNS; i++) {
    await before?.();
    const c = process.cpuUsage();
    const t = performance.now();
    await fn();
    wall.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu += (used.user + used.system) / 1000;
  }
  const s = summarise(wall);
  return { p50: s.p50, p95: s.p95, cpu: cpu / RUNS };
}

async function measureSize(size: number, lines: Line[]): Promise<void> {
  log(`generating ${size.toLocaleString("en-US")} leads into Redis`);
  let t = performance.now();
  const { tenantId, adminId, repIds } = await writeLeadRows("acme", size, log);
  log(`written in ${ms(performance.now() - t)}`);
  try {
    t = performance.now();
    const local = await leadReadModel.current(tenantId);
    if (!local) throw new Error("the build was not found in Redis");
    log(`loaded in ${ms(performance.now() - t)}`);
    const ids = [...local.rows.keys()];
    const sample = local.rows.get(ids[Math.floor(ids.length / 3)])!;
    let edits = 0;
    // One lead edited through the change log, as a writer's event would: the next call catches up.
    const edit = async () => {
      const row = local.rows.get(ids[(edits * 7919) % ids.length]);
      if (!row) return;
      edits += 1;
      const { _k: _cache, ...plain } = row as IndexRow & { _k?: string };
      await store.appendChanges(tenantId, [{ ...plain, priority: PRIORITIES[edits % PRIORITIES.length], rev: row.rev + 1 }], []);
    };
    const pages: [string, (ctx: TenantContext) => Promise<unknown>][] = [
      ["List, first page + total", (ctx) => listLeads(ctx, q(""))],
      ["Filtered (status + priority)", (ctx) => listLeads(ctx, q("status=new,contacted&priority=high,urgent"))],
      ["Sorted by name, first page + total", (ctx) => listLeads(ctx, q("sort=name&dir=asc"))],
      ...searches(sample).map(([label, text]): [string, (ctx: TenantContext) => Promise<unknown>] => [`Search: ${label}`, (ctx) => listLeads(ctx, q(`q=${encodeURIComponent(text)}`))]),
      ["Board (every status column)", (ctx) => getBoard(ctx, q(""))],
      ["Dashboard (counts + my follow-ups)", (ctx) => Promise.all([getDashboardSummary(ctx, { timeZone: TZ }), getMyFollowUps(ctx, { timeZone: TZ })])],
    ];
    for (const [role, ctx] of [["admin", ctxOf(tenantId, adminId, "admin")], ["rep", ctxOf(tenantId, repIds[0], "acquisition_rep")]] as const) {
      for (const [page, fn] of pages) {
        const steady = await timeCall(() => fn(ctx));
        const edited = await timeCall(() => fn(ctx), edit);
        lines.push({ size, role, page, steady, edited });
        log(`${size} ${role} ${page}: steady p50 ${ms(steady.p50)} p95 ${ms(steady.p95)} cpu ${ms(steady.cpu)}; after an edit p50 ${ms(edited.p50)} p95 ${ms(edited.p95)} cpu ${ms(edited.cpu)}`);
      }
    }
  } finally {
    leadReadModel.forgetLocal(tenantId);
    await store.drop(tenantId);
  }
}

async function main() {
  const start = loadavg();
  log(`load average at start: ${start.map((l) => l.toFixed(2)).join(" ")}`);
  const lines: Line[] = [];
  for (const size of SIZES) await measureSize(size, lines);
  console.log(`\nload average at start ${start.map((l) => l.toFixed(2)).join(" ")}, at end ${loadavg().map((l) => l.toFixed(2)).join(" ")}; ${RUNS} runs each`);
  console.log("\n| Page | Leads | Role | Steady p50 | p95 | CPU/call | After an edit p50 | p95 | CPU/call |");
  console.log("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const l of lines) {
    console.log(`| ${l.page} | ${l.size.toLocaleString("en-US")} | ${l.role} | ${ms(l.steady.p50)} | ${ms(l.steady.p95)} | ${ms(l.steady.cpu)} | ${ms(l.edited.p50)} | ${ms(l.edited.p95)} | ${ms(l.edited.cpu)} |`);
  }
  await getRedis().quit();
}

main().catch(async (err) => {
  console.error(err);
  await getRedis().quit();
  process.exit(1);
});
