// Runs sqlite_plan.py (python3's sqlite3 module) on FerretDB's SQLite file.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";

export type SqlitePlan = { sql: string; plan: string[]; rows: number; median_ms: number };
export type SqliteInspection = {
  table: string;
  rows: number;
  megabytes: number;
  indexes: string[];
  ferretdb_sql: SqlitePlan;
  with_indexes: Record<"list" | "phone" | "count_by_status", SqlitePlan>;
};

export async function inspectSqlite(file: string, tenant: string, status: string, phone: string): Promise<SqliteInspection> {
  const script = join(import.meta.dirname, "sqlite_plan.py");
  const { stdout } = await promisify(execFile)("python3", [script, file, "leads", tenant, status, phone], { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout);
}
