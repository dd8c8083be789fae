// The demo companies (with the README's published password) reach an empty database only where
// the app clearly runs as a local demo, or where DEMO_DATA=1 asks for them.
import { afterEach, describe, expect, it } from "vitest";
import { Tenant } from "@/models/tenant";
import { demoDataChoice } from "./demo-data-policy";
import { seedDemoIfLocalDemo } from "./seed-demo";

afterEach(() => {
  delete process.env.DEMO_DATA;
  delete process.env.APP_DOMAIN;
});

describe("demo data on start", () => {
  it("is seeded on the embedded database of a local host, and on request anywhere", () => {
    expect(demoDataChoice({ embedded: true, localDomain: true }).seed).toBe(true);
    expect(demoDataChoice({ embedded: false, localDomain: false, demoData: "1" }).seed).toBe(true);
  });

  it("is not seeded on a real database server, on a public domain, or with DEMO_DATA=0", () => {
    expect(demoDataChoice({ embedded: false, localDomain: true }).seed).toBe(false);
    expect(demoDataChoice({ embedded: true, localDomain: false }).seed).toBe(false);
    expect(demoDataChoice({ embedded: true, localDomain: true, demoData: "0" }).seed).toBe(false);
    expect(() => demoDataChoice({ embedded: true, localDomain: true, demoData: "yes" })).toThrow(/DEMO_DATA must be 1 .* or 0/);
  });

  it("leaves an empty production database empty", async () => {
    process.env.APP_DOMAIN = "dealcycle.com";
    expect((await seedDemoIfLocalDemo({ embedded: true })).seeded).toBeNull();
    process.env.APP_DOMAIN = "localhost:3000";
    expect((await seedDemoIfLocalDemo({ embedded: false })).seeded).toBeNull();
    process.env.DEMO_DATA = "0";
    expect((await seedDemoIfLocalDemo({ embedded: true })).seeded).toBeNull();
    expect(await Tenant.exists({})).toBeNull();
  });
});
