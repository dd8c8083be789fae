import { allModels } from "@/models";
import { SchemaVersion } from "@/models/schema-version";
import { migrations as defaultMigrations } from "./steps";
import type { Migration } from "./types";

export type MigrationReport = { indexes: number; applied: string[]; skipped: string[] };

/** Creates every collection and index the models declare; safe to repeat. */
export async function ensureIndexes(): Promise<number> {
  let count = 0;
  for (const model of allModels) {
    await model.createCollection().catch((err: { code?: number }) => {
      if (err.code !== 48) throw err; // 48: the collection already exists
    });
    await model.createIndexes();
    count += model.schema.indexes().length;
  }
  return count;
}

/**
 * Brings the database to the current schema: indexes first, then each migration step not yet
 * recorded in schema_versions, in order. Idempotent; runs at every start.
 */
export async function runMigrations(steps: Migration[] = defaultMigrations): Promise<MigrationReport> {
  const indexes = await ensureIndexes();
  const done = new Set(
    (await SchemaVersion.find({}, { collection: 1, version: 1 }).lean()).map((v) => `${v.collection}@${v.version}`),
  );
  const applied: string[] = [];
  const skipped: string[] = [];
  for (const step of steps) {
    const key = `${step.collection}@${step.version}`;
    if (done.has(key)) {
      skipped.push(`${key} ${step.name}`);
      continue;
    }
    const changes = await step.up();
    try {
      await SchemaVersion.create({ collection: step.collection, version: step.version, name: step.name, changes });
    } catch (err) {
      // Another process applied the same step at the same time; the step is idempotent.
      if ((err as { code?: number }).code !== 11000) throw err;
    }
    applied.push(`${key} ${step.name}`);
  }
  return { indexes, applied, skipped };
}
