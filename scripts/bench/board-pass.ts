// The CPU of one board view over the list index rows, the old way (the page source asked once per
// status column and once per count: a pass over every row each time) against the one pass of
// lib/leads/board (rows split into columns once, each column paged over its own rows). Synthetic
// rows (5 statuses, 5 owners), no database: what the passes cost, not the page.
// See docs/benchmarks.md, "Workspace pages by company size".
//
//   node --conditions=react-server --import tsx scripts/bench/board-pass.ts [rows, default 5000]
import { groupByStatus } from "@/lib/leads/board/index-rows";
import type { Clause } from "@/lib/leads/list/criteria";
import type { IndexRow } from "@/lib/leads/list/index/index-row";
import { queryRows } from "@/lib/leads/list/index/query-rows";
import { sortSpec } from "@/lib/leads/list/sort-spec";
import { LEAD_STATUSES } from "@/models/lead-enums";

const N = Number(process.argv[2] ?? 5000);
const COLUMN = 21;
const owners = Array.from({ length: 5 }, (_, i) => `u${i}`);
const rows: IndexRow[] = Array.from({ length: N }, (_, i) => ({
  _id: i.toString(16).padStart(24, "0"),
  name: `n${i}`,
  status: LEAD_STATUSES[i % LEAD_STATUSES.length],
  priority: "high",
  assigned_to: owners[i % owners.length],
  tags: [],
  created_at: 1e12 + i * 1000,
  search_keys: [`n${i}`],
  rev: 1,
}));
const spec = sortSpec("created", "desc");
const statusClause = (s: string): Clause => ({ kind: "in", field: "status", values: [s] });

for (const [who, visible] of [["admin", []], ["rep", [{ kind: "in", field: "assigned_to", values: ["u1"] }]]] as [string, Clause[]][]) {
  const perColumn = () => {
    let k = 0;
    for (const s of LEAD_STATUSES) {
      const clauses = [...visible, statusClause(s)];
      k += queryRows(rows, { clauses, spec, limit: COLUMN }).items.length + queryRows(rows, { clauses, spec, limit: 0 }).count;
    }
    return k;
  };
  const onePass = () => {
    let k = 0;
    const groups = groupByStatus(rows, visible);
    for (const s of LEAD_STATUSES) {
      const column = groups.get(s) ?? [];
      k += queryRows(column, { clauses: [...visible, statusClause(s)], spec, limit: COLUMN }).items.length + column.length;
    }
    return k;
  };
  if (perColumn() !== onePass()) throw new Error("the two ways disagree");
  for (const [name, fn] of [["per column", perColumn], ["one pass", onePass]] as const) {
    for (let i = 0; i < 20; i++) fn();
    const runs = 200;
    const before = process.cpuUsage();
    for (let i = 0; i < runs; i++) fn();
    const cpu = process.cpuUsage(before);
    console.log(`${N} rows, ${who}, ${name}: ${((cpu.user + cpu.system) / 1000 / runs).toFixed(2)} ms CPU per board`);
  }
}
