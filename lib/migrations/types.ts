export type MigrationChange = Record<string, unknown>;

export type Migration = {
  /** The collection the step changes; versions count per collection. */
  collection: string;
  version: number;
  name: string;
  /** Does the work and describes what it changed (stored in schema_versions.changes). */
  up: () => Promise<MigrationChange[]>;
};
