import { domainToUnicode } from "node:url";
import { describe, expect, it } from "vitest";
import { searchTerms } from "@/lib/leads/search/search-terms";
import { leadInputSchema } from "@/lib/zod/schemas/lead";
import { searchKeys } from "./search-keys";
import { decodePunycode, isEmail, normalizeEmail } from "./email";

const valid = (s: string) => isEmail(normalizeEmail(s));

describe("e-mail addresses", () => {
  it.each([
    "whiggins@example.com",
    "renée.davis1@example.com",
    "RENÉE.Davis1@Example.com",
    "o'brien+list@example.co.uk",
    "用户@例子.广告",
    "user@bücher.de",
    "user@xn--bcher-kva.de",
    "jörg.müller@müller-bau.de",
    "a_b-c%d@sub.example.org",
  ])("accepts %s", (email) => {
    expect(valid(email)).toBe(true);
  });

  it.each(["", "plainaddress", "bad@", "@example.com", "a@@example.com", "a@b@example.com", "with space@example.com", "user@exam ple.com", ".dot@example.com", "dot.@example.com", "do..t@example.com", "user@example", "user@-example.com", "user@example.c", "user@xn--.com", "user@xn--zz.com", `${"a".repeat(65)}@example.com`, `a@${"b".repeat(250)}.com`])("refuses %j", (email) => {
    expect(valid(email)).toBe(false);
  });

  it("stores one form per mailbox: trimmed, NFC, lower-case, the domain in Unicode", () => {
    expect(normalizeEmail("  Renée.Davis1@Example.COM ")).toBe("renée.davis1@example.com");
    // "e" + combining acute (NFD, as macOS writes file names) is the same address as "é".
    expect(normalizeEmail("rene\u0301e@example.com")).toBe("renée@example.com");
    expect(normalizeEmail("User@XN--BCHER-KVA.de")).toBe("user@bücher.de");
    expect(normalizeEmail("user@Bücher.de")).toBe("user@bücher.de");
  });

  it.each(["bcher-kva", "mnchen-3ya", "fsqu00a", "ihqwcrb4cv8a8dqg056pqjye"])("decodes punycode %s as node does", (label) => {
    expect(decodePunycode(label)).toBe(domainToUnicode(`xn--${label}`));
  });

  it("finds an accented address by what people type in the search box", () => {
    const keys = searchKeys({ email: normalizeEmail("Renée.Davis1@example.com") });
    for (const typed of ["renée.davis1@ex", "renee.davis1", "RENÉE"]) expect(searchTerms(typed).every((t) => keys.some((k) => k.startsWith(t)))).toBe(true);
  });

  it("is what the lead form accepts", () => {
    const parsed = leadInputSchema.parse({ name: "Renée Davis", phone: "2145550101", email: "Renée.Davis1@Example.com" });
    expect(parsed.email).toBe("renée.davis1@example.com");
    expect(leadInputSchema.safeParse({ name: "X", phone: "2145550101", email: "a@b@c.com" }).success).toBe(false);
  });
});
