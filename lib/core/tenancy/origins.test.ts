import { afterEach, describe, expect, it } from "vitest";
import { appProtocol, rootOrigin, safeNextPath, tenantHostParam, tenantOrigin } from "./origins";

afterEach(() => {
  delete process.env.APP_DOMAIN;
  delete process.env.APP_PROTOCOL;
});

describe("origins", () => {
  it("builds every address from APP_DOMAIN: http locally, https elsewhere", () => {
    process.env.APP_DOMAIN = "localhost:3000";
    expect(rootOrigin()).toBe("http://localhost:3000");
    expect(tenantOrigin({ kind: "subdomain", subdomain: "acme" })).toBe("http://acme.localhost:3000");
    expect(tenantHostParam({ kind: "custom", domain: "deals.acme.test" })).toBe("deals.acme.test:3000");
    process.env.APP_DOMAIN = "dealcycle.com";
    expect(appProtocol()).toBe("https");
    expect(tenantOrigin({ kind: "custom", domain: "deals.acmehomes.com" })).toBe("https://deals.acmehomes.com");
  });

  it("only ever returns to a path on the same host", () => {
    expect(safeNextPath("/leads?status=new")).toBe("/leads?status=new");
    for (const bad of ["//evil.com", "/\\evil.com", "https://evil.com", "evil.com", "/t/acme.localhost/leads", "/api/auth/handoff?code=x", "/\u0000x", 42, null]) {
      expect(safeNextPath(bad)).toBe("/");
    }
  });
});
