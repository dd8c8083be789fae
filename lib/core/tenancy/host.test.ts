import { describe, expect, it } from "vitest";
import { classifyHost, normalizeHost } from "./host";

const ROOT = "localhost:3000";

describe("classifyHost", () => {
  it("finds the tenant subdomain whatever the case, port or www prefix", () => {
    for (const host of ["acme.localhost:3000", "ACME.LocalHost", "www.acme.localhost:3000", "acme.localhost."]) {
      expect(classifyHost(host, ROOT)).toEqual({ kind: "subdomain", subdomain: "acme", host: "acme.localhost" });
    }
  });

  it("recognises the root host", () => {
    expect(classifyHost("localhost:3000", ROOT)).toEqual({ kind: "root" });
    expect(classifyHost("www.localhost:3000", ROOT)).toEqual({ kind: "root" });
    expect(classifyHost("dealcycle.com", "dealcycle.com")).toEqual({ kind: "root" });
  });

  it("refuses reserved, nested and malformed names", () => {
    for (const host of ["api.localhost", "admin.localhost:3000", "a.b.localhost", "-x.localhost", "x_y.localhost", "", "[::1]:3000", "127.0.0.1:3000", "foo.localhost.evil.localhost"]) {
      expect(classifyHost(host, ROOT)).toEqual({ kind: "invalid" });
    }
  });

  it("treats other hostnames as custom domains", () => {
    expect(classifyHost("Deals.AcmeHomes.com:443", "dealcycle.com")).toEqual({ kind: "custom", domain: "deals.acmehomes.com", host: "deals.acmehomes.com" });
    expect(classifyHost("acme.dealcycle.com", "dealcycle.com")).toMatchObject({ kind: "subdomain", subdomain: "acme" });
    expect(classifyHost("nested.acme.dealcycle.com", "dealcycle.com")).toEqual({ kind: "invalid" });
  });

  it("normalises hosts", () => {
    expect(normalizeHost(" WWW.Example.COM:8080 ")).toBe("example.com");
  });
});
