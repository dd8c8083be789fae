import { describe, expect, it } from "vitest";
import { analyzeTemplate, fillInVariablesOf, renderTemplate, splitEmailTemplate, splitName } from "./render";

describe("renderTemplate", () => {
  const values = {
    first_name: "Maria",
    last_name: "Lopez",
    property_address: "12 Oak St, Tampa, FL 33602",
    rep_name: "Sam",
    company_name: "Acme Homes",
    custom: { roof_age: 12, motivated: true, empty: "  " },
  };

  it("fills standard and custom variables, spaces inside the braces allowed", () => {
    const r = renderTemplate("Hi {{first_name}} {{ last_name }}, {{rep_name}} of {{company_name}} about {{property_address}} (roof {{custom.roof_age}}, {{custom.motivated}})", values);
    expect(r).toEqual({
      ok: true,
      text: "Hi Maria Lopez, Sam of Acme Homes about 12 Oak St, Tampa, FL 33602 (roof 12, yes)",
      variables: ["first_name", "last_name", "rep_name", "company_name", "property_address", "custom.roof_age", "custom.motivated"],
    });
  });

  it("a missing value is an error naming the variable, never an empty gap", () => {
    const r = renderTemplate("Hi {{first_name}}, about {{property_address}} {{custom.empty}}", { first_name: "Maria", property_address: null, custom: { empty: " " } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.missing).toEqual(["property_address", "custom.empty"]);
    expect(r.message).toBe("No value for {{property_address}}, {{custom.empty}}.");
  });

  it("lists unknown variables, and custom keys the company does not have", () => {
    const r = renderTemplate("Hi {{firstname}} {{custom.roof_age}} {{custom.pool}}", values, ["roof_age"]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.unknown).toEqual(["firstname", "custom.pool"]);
    expect(r.missing).toEqual([]);
    expect(r.message).toBe("Unknown variables {{firstname}}, {{custom.pool}}.");
  });

  it("reports malformed braces", () => {
    expect(analyzeTemplate("Hi {{first name}}").syntaxErrors).toEqual(['"{{first name}}" is not a variable: use lower-case letters, digits and _ (e.g. {{first_name}})']);
    expect(analyzeTemplate("Hi {{first_name").syntaxErrors).toEqual(['A "{{" is not closed with "}}"']);
    expect(renderTemplate("Hi first_name}}", values).ok).toBe(false);
  });

  it("text without variables renders as is", () => {
    expect(renderTemplate("Hello there", {})).toEqual({ ok: true, text: "Hello there", variables: [] });
  });
});

describe("fill-in variables, aliases and e-mail subjects", () => {
  it("agent_name is rep_name; fill-in values come from the sender", () => {
    expect(renderTemplate("{{agent_name}}: {{offer_amount}}", { rep_name: "Sam", offer_amount: "$120,000" })).toMatchObject({ ok: true, text: "Sam: $120,000" });
    const r = renderTemplate("{{offer_amount}}", {});
    expect(r.ok ? [] : r.missing).toEqual(["offer_amount"]);
    expect(fillInVariablesOf("{{first_name}} {{appointment_time}} {{offer_amount}}")).toEqual(["appointment_time", "offer_amount"]);
  });
  it("an e-mail template's first Subject: line is its subject", () => {
    expect(splitEmailTemplate("Subject: Offer for {{property_address}}\n\nHi")).toEqual({ subject: "Offer for {{property_address}}", body: "Hi" });
    expect(splitEmailTemplate("Hi there")).toEqual({ subject: null, body: "Hi there" });
  });
});

describe("splitName", () => {
  it("splits the first word from the rest", () => {
    expect(splitName("  Maria  de la Cruz ")).toEqual({ first_name: "Maria", last_name: "de la Cruz" });
    expect(splitName("Cher")).toEqual({ first_name: "Cher", last_name: null });
    expect(splitName("")).toEqual({ first_name: null, last_name: null });
  });
});
