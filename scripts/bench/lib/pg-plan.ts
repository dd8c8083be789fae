// Looks inside FerretDB's PostgreSQL tables: the indexes it made, the plan of the SQL it pushes
// down (`_jsonb->'field' @> value`), and the plan of the same query written so a btree can serve it.
import { psql } from "./postgres";

export type PgPlan = { sql: string; plan: string; executionMs: number; rows: string };
export type PgInspection = { table: string; indexes: string[]; ferretdb: Record<string, PgPlan>; withIndexes: Record<string, PgPlan> };

const lit = (value: string) => `'${JSON.stringify(value).replaceAll("'", "''")}'::jsonb`;

async function explain(database: string, sql: string): Promise<PgPlan> {
  let out = "";
  // The last of three runs: warm caches, as in the timed benchmark.
  for (let i = 0; i < 3; i++) out = await psql(database, `EXPLAIN (ANALYZE, BUFFERS OFF) ${sql}`);
  const lines = out.split("\n");
  const time = /Execution Time: ([\d.]+) ms/.exec(out);
  const scan = lines.find((l) => /Scan|Index/.test(l)) ?? lines[0];
  const rows = /rows=(\d+) loops/.exec(lines[0])?.[1] ?? "?";
  return { sql, plan: scan.trim().replace(/\s+\(cost=.*$/, ""), executionMs: time ? Number(time[1]) : NaN, rows };
}

export async function inspectPostgres(database: string, schema: string, tenant: string, status: string, phone: string): Promise<PgInspection> {
  const table = await psql(database, `SELECT _jsonb->>'table' FROM "${schema}"._ferretdb_database_metadata WHERE _jsonb->>'_id' = 'leads'`);
  const t = `"${schema}"."${table}"`;
  const indexes = (await psql(database, `SELECT indexdef FROM pg_indexes WHERE schemaname = '${schema}' AND tablename = '${table}'`)).split("\n");
  return {
    table,
    indexes,
    // What FerretDB 1.24 sends: top-level equalities as jsonb containment; sort, limit and grouping happen in FerretDB.
    ferretdb: {
      list: await explain(database, `SELECT _jsonb FROM ${t} WHERE _jsonb->'tenant_id' @> ${lit(tenant)} AND _jsonb->'status' @> ${lit(status)}`),
      phone: await explain(database, `SELECT _jsonb FROM ${t} WHERE _jsonb->'tenant_id' @> ${lit(tenant)} AND _jsonb->'phone' @> ${lit(phone)}`),
      count_by_status: await explain(database, `SELECT _jsonb FROM ${t} WHERE _jsonb->'tenant_id' @> ${lit(tenant)}`),
    },
    withIndexes: {
      list: await explain(database, `SELECT _jsonb FROM ${t} WHERE _jsonb->'tenant_id' = ${lit(tenant)} AND _jsonb->'status' = ${lit(status)} ORDER BY _jsonb->'created_at' DESC LIMIT 50`),
      phone: await explain(database, `SELECT _jsonb FROM ${t} WHERE _jsonb->'tenant_id' = ${lit(tenant)} AND _jsonb->'phone' = ${lit(phone)}`),
      count_by_status: await explain(database, `SELECT _jsonb->'status', count(*) FROM ${t} WHERE _jsonb->'tenant_id' = ${lit(tenant)} GROUP BY 1`),
    },
  };
}
