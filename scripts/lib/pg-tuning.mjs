// FerretDB 1.24 on PostgreSQL pushes top-level equality down as jsonb containment
// (`_jsonb->'field' @> '"value"'`), which its own btree indexes cannot serve, so even a lookup by
// _id scans the table. GIN indexes on the same expressions serve `@>`: one per selective field
// the app filters on by equality. They are invisible to FerretDB (it keeps its own index list)
// and change no query's answer, only its plan. Plain Node with no dependencies; needs psql.
import { capture } from "./proc.mjs";

/** Collection → fields filtered by exact value (ids, keys, phones): selective enough to index. */
export const GIN_FIELDS = {
  "*": ["_id"],
  tenants: ["subdomain"],
  tenant_domains: ["domain"],
  users: ["email", "google_id"],
  leads: ["phone", "email", "address_key", "assigned_to", "tags", "search_keys"],
  buyers: ["phone", "email", "preferred_locations"],
  communications: ["recipient_id", "sender_id", "twilio_sid"],
  deals: ["lead_id", "buyer_id"],
  activities: ["entity_id", "user_id"],
  tags: ["name"],
  settings: ["key"],
  invites: ["token_hash", "email"],
  saved_views: ["owner_id"],
  deleted_leads: ["batch_id", "lead_id"],
  lead_import_rows: ["import_id"],
  lead_import_chunks: ["import_id"],
  lead_merges: ["kept_id"],
};

const psqlArgs = (url) => [url, "-v", "ON_ERROR_STOP=1", "-tA"];

/**
 * Creates the missing GIN indexes for every FerretDB table of `database` (a MongoDB database
 * name, which FerretDB maps to a PostgreSQL schema). Safe to repeat; returns how many it created.
 */
export async function tunePostgresForFerretDB(postgresqlUrl, database) {
  const schema = database.replace(/"/g, "");
  const rows = await capture("psql", [
    ...psqlArgs(postgresqlUrl),
    "-c",
    `SELECT _jsonb->>'_id', _jsonb->>'table' FROM "${schema}"._ferretdb_database_metadata`,
  ]);
  if (rows === null) return 0;
  const existing = new Set(
    ((await capture("psql", [...psqlArgs(postgresqlUrl), "-c", `SELECT indexname FROM pg_indexes WHERE schemaname = '${schema}'`])) ?? "")
      .split("\n")
      .filter(Boolean),
  );
  const statements = [];
  const analyze = [];
  for (const line of rows.split("\n").filter(Boolean)) {
    const [collection, table] = line.split("|");
    if (!/^[a-z0-9_]+$/.test(table)) continue;
    const before = statements.length;
    for (const field of [...GIN_FIELDS["*"], ...(GIN_FIELDS[collection] ?? [])]) {
      const name = `dc_gin_${table}_${field}`.slice(0, 63);
      if (existing.has(name)) continue;
      statements.push(`CREATE INDEX IF NOT EXISTS "${name}" ON "${schema}"."${table}" USING gin ((_jsonb->'${field}'));`);
    }
    // Statistics for the new expressions now, not at autovacuum's next pass, so plans use them at once.
    if (statements.length > before) analyze.push(`ANALYZE "${schema}"."${table}";`);
  }
  if (!statements.length) return 0;
  const done = await capture("psql", [...psqlArgs(postgresqlUrl), "-c", [...statements, ...analyze].join("\n")]);
  return done === null ? 0 : statements.length;
}
