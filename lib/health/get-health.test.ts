import { describe, expect, it } from "vitest";
import { getHealth } from "./get-health";

describe("getHealth", () => {
  it("reports the app version, the database server with its round trip, and Redis", async () => {
    const health = await getHealth();
    expect(health.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(health.database).toMatchObject({ ok: true, server: "FerretDB", version: "v1.24.2" });
    expect(health.database.roundTripMs).toBeGreaterThanOrEqual(0);
    expect(health.redis.ok).toBe(true);
    expect(health.status).toBe("ok");
  });
});
