// What the lead list read model costs a web process, up to 1,000,000 leads in one tenant, without a
// database (seeding that many leads into FerretDB takes hours here).
//
// For each size, an acme-like tenant with N leads and a globex-like one (a fifth of N, 300 to
// 20,000) are generated with the seed's own lead builder (lib/seed/build/lead.ts, list entries
// only), turned into rows by the read model's toRow and written to the local Redis as a finished
// build (under fresh tenant ids, dropped afterwards). Then the rows are loaded the way a web
// process loads them (leadReadModel.current: HSCAN, JSON.parse, shapeRow, within the
// READ_MODEL_MEMORY_MB budget), and the report gives heap before/after (after global.gc()), bytes
// per held row, RSS, load time, which copies the budget kept, and the time of the list's first
// page (created desc, with the total) and of a search, each including the request's catch-up with
// Redis (p50/p95 of 20 runs).
//
//   npm run bench:read-model-memory [-- --sizes 1000,5000,100000,1000000]
import { loadavg } from "node:os";
import { heldCopies, memoryBudgetBytes } from "@/lib/core/read-models/read-model";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { criteriaFor } from "@/lib/leads/list/criteria";
import { indexSourceOf } from "@/lib/leads/list/index/lead-index";
import { leadReadModel } from "@/lib/leads/list/index/lead-read-model";
import { DEFAULT_PAGE_SIZE, emptyListQuery } from "@/lib/leads/list/list-query";
import type { PageRequest } from "@/lib/leads/list/page-source";
import { sortSpec } from "@/lib/leads/list/sort-spec";
import { getRedis } from "@/lib/core/redis";
import { writeLeadRows } from "./lib/lead-rows";
import { benchLog, option } from "./lib/options";
import { ms, summarise } from "./lib/measure";

const log = benchLog("read-model-memory");
const SIZES = (option("--sizes") ?? "1000,5000,100000,1000000").split(",").map(Number);
const RUNS = 20;
const SEARCH = "smi";
const store = leadReadModel.store;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const gc = () => (global as unknown as { gc?: () => void }).gc?.();

type Report = { memory: string[]; timing: string[]; notes: string[]; ctx: TenantContext; first: PageRequest; search: PageRequest };

async function measureSize(size: number, { memory, timing, notes, ctx, first, search }: Report): Promise<void> {
  const globexSize = Math.min(20_000, Math.max(300, Math.round(size / 5)));
  log(`generating acme with ${size.toLocaleString("en-US")} leads, globex with ${globexSize.toLocaleString("en-US")}, into Redis`);
  let t = performance.now();
  const acme = (await writeLeadRows("acme", size, log)).tenantId;
  const globex = (await writeLeadRows("globex", globexSize, log)).tenantId;
  log(`written in ${ms(performance.now() - t)}`);
  try {
    gc();
    gc();
    const before = process.memoryUsage();
    t = performance.now();
    await leadReadModel.current(globex);
    const globexLoad = performance.now() - t;
    t = performance.now();
    const local = await leadReadModel.current(acme);
    const acmeLoad = performance.now() - t;
    if (!local) throw new Error("the acme build was not found in Redis");
    gc();
    gc();
    const after = process.memoryUsage();
    const held = heldCopies();
    const heldRows = held.reduce((n, c) => n + c.rows, 0);
    const heldText = held.map((c) => `${c.tenantId === acme ? "acme" : "globex"} ${c.rows.toLocaleString("en-US")}`).join(" + ");
    log(`loaded: acme ${ms(acmeLoad)}, globex ${ms(globexLoad)}; held ${heldText}`);

    const time = async (req: PageRequest) => {
      const samples: number[] = [];
      let total = 0;
      for (let i = 0; i < RUNS + 2; i++) {
        const s = performance.now();
        const l = await leadReadModel.current(acme);
        total = (await indexSourceOf(l!).query(ctx, req)).total;
        if (i >= 2) samples.push(performance.now() - s);
      }
      return { ...summarise(samples), total };
    };
    const list = await time(first);
    const found = await time(search);
    gc();
    gc();
    const afterSearch = process.memoryUsage();
    const lead = (n: number) => n.toLocaleString("en-US");
    memory.push(
      `| ${lead(size)} + ${lead(globexSize)} | ${heldText} | ${mb(before.heapUsed)} | ${mb(after.heapUsed)} | ${mb(after.heapUsed - before.heapUsed)} | ${Math.round((after.heapUsed - before.heapUsed) / heldRows).toLocaleString("en-US")} B | ${mb(afterSearch.heapUsed)} | ${mb(after.rss)} | ${ms(acmeLoad)} |`,
    );
    timing.push(`| ${lead(size)} | ${ms(list.p50)} | ${ms(list.p95)} | ${lead(list.total)} | ${ms(found.p50)} | ${ms(found.p95)} | ${lead(found.total)} |`);

    // The other tenant asks again: what the budget does when the big one is held.
    t = performance.now();
    await leadReadModel.current(globex);
    const globexAgain = performance.now() - t;
    t = performance.now();
    await leadReadModel.current(acme);
    const acmeAgain = performance.now() - t;
    const heldAfter = heldCopies().map((c) => `${c.tenantId === acme ? "acme" : "globex"} ${lead(c.rows)}`).join(" + ");
    notes.push(`${lead(size)}: globex asked again ${ms(globexAgain)}, then acme ${ms(acmeAgain)}; held after: ${heldAfter}`);
  } finally {
    leadReadModel.forgetLocal(acme);
    leadReadModel.forgetLocal(globex);
    await store.drop(acme);
    await store.drop(globex);
  }
}

async function main() {
  const redis = getRedis();
  log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(" ")}; READ_MODEL_MEMORY_MB budget ${mb(memoryBudgetBytes())}`);
  const memory: string[] = [];
  const timing: string[] = [];
  const notes: string[] = [];
  const ctx = {} as TenantContext; // the in-memory source reads no context
  const first: PageRequest = { clauses: [], spec: sortSpec("created", "desc"), limit: DEFAULT_PAGE_SIZE + 1, withCount: true };
  const search = { ...first, clauses: criteriaFor({ ...emptyListQuery(), q: SEARCH }, { timeZone: "UTC", now: new Date() }) };
  for (const size of SIZES) {
    // Each size in its own call: when it returns, nothing of its copies is reachable (a suspended
    // async frame can keep a dead variable's value until it returns).
    await measureSize(size, { memory, timing, notes, ctx, first, search });
    gc();
    gc();
    notes.push(`${size.toLocaleString("en-US")}: heap after its copies were forgotten ${mb(process.memoryUsage().heapUsed)}`);
  }
  console.log(`\nload average at end: ${loadavg().map((l) => l.toFixed(2)).join(" ")}; budget ${mb(memoryBudgetBytes())}`);
  console.log("\n| Leads (acme + globex) | Held after loading both (rows) | Heap before | Heap after | Rows | Per held row | Heap after searching | RSS after | Acme load |");
  console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const line of memory) console.log(line);
  console.log(`\n| Acme leads | First page + total p50 | p95 | Total | Search "${SEARCH}" p50 | p95 | Matches |`);
  console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const line of timing) console.log(line);
  console.log("");
  for (const line of notes) console.log(`- ${line}`);
  await redis.quit();
}

main().catch(async (err) => {
  console.error(err);
  await getRedis().quit();
  process.exit(1);
});
