// The demo companies come with a password published in the README, so they are seeded only where
// the app clearly runs as a local demo: the embedded database and a development host
// (APP_DOMAIN localhost, *.localhost or 127.0.0.1). A real database (MONGODB_URI) or a public
// domain gets them only with DEMO_DATA=1; DEMO_DATA=0 turns them off everywhere.

export type DemoDataChoice = { seed: boolean; reason: string };

export function demoDataChoice({ demoData, embedded, localDomain }: { demoData?: string; embedded: boolean; localDomain: boolean }): DemoDataChoice {
  const flag = demoData?.trim();
  if (flag === "1") return { seed: true, reason: "DEMO_DATA=1" };
  if (flag === "0") return { seed: false, reason: "DEMO_DATA=0" };
  if (flag) throw new Error(`DEMO_DATA must be 1 (seed the demo companies into an empty database) or 0 (never), not "${flag}".`);
  if (!embedded) return { seed: false, reason: "MONGODB_URI names a database server (set DEMO_DATA=1 to seed the demo companies there)" };
  if (!localDomain) return { seed: false, reason: "APP_DOMAIN is not a local host (set DEMO_DATA=1 to seed the demo companies)" };
  return { seed: true, reason: "local demo: embedded database on a local host (DEMO_DATA=0 turns this off)" };
}
