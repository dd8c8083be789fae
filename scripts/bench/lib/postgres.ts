// The local PostgreSQL (127.0.0.1:5432, trust auth, user postgres) through its command-line tools.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);
const CONN = ["-h", "127.0.0.1", "-U", "postgres"];

export const postgresUrl = (database: string) => `postgres://postgres@127.0.0.1:5432/${database}`;

/** Creates an empty database, dropping a leftover one of the same name first. */
export async function createFreshDatabase(name: string): Promise<void> {
  await run("dropdb", [...CONN, "--if-exists", name]);
  await run("createdb", [...CONN, name]);
}

export async function dropDatabase(name: string): Promise<void> {
  await run("dropdb", [...CONN, "--if-exists", "--force", name]).catch(() => run("dropdb", [...CONN, "--if-exists", name]));
}

/** Runs SQL and returns psql's unaligned output. */
export async function psql(database: string, sql: string): Promise<string> {
  const { stdout } = await run("psql", [...CONN, "-d", database, "-Atq", "-c", sql], { maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim();
}
