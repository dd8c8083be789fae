// Placeholder until the demo seed lands: keeps the scripts runnable.
export type SeedCounts = Record<string, number>;

export async function seedDemoIfEmpty(): Promise<SeedCounts | null> {
  return null;
}

export async function reseedDemo(_options: { large?: boolean } = {}): Promise<SeedCounts> {
  return {};
}
