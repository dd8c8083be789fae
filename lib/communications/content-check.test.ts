import { describe, expect, it } from "vitest";
import { checkTextContent, hasOptOutLanguage } from "./content-check";

const codes = (body: string, firstText = false, companyName?: string) => checkTextContent({ body, firstText, companyName }).map((w) => w.code);

describe("checkTextContent", () => {
  it("flags carrier-filtered phrases, each named", () => {
    const w = checkTextContent({ body: "We buy houses! Cash offer for 12 Oak St, act now.", firstText: false });
    expect(w.filter((x) => x.code === "filtered_phrase").map((x) => x.phrase)).toEqual(["we buy houses", "cash offer", "act now"]);
    expect(codes("Is the house still for sale?")).toEqual([]);
    // whole words only: "freedom" is not "free"
    expect(codes("Freedom Street")).toEqual([]);
  });

  it("flags URL shorteners, capitals and exclamation marks", () => {
    expect(codes("See bit.ly/abc")).toEqual(["url_shortener"]);
    expect(codes("See https://acmehomes.com/offer")).toEqual([]);
    expect(codes("GREAT NEWS ABOUT YOUR HOME")).toContain("all_caps");
    expect(codes("Reply STOP to opt out. Call Sam at ACME")).toEqual([]);
    expect(codes("Hello!! there")).toEqual(["exclamations"]);
    expect(codes("Hi! Great! Call!")).toEqual(["exclamations"]);
  });

  it("a first text without opt-out language or the sender's name is warned about", () => {
    expect(codes("Hi Maria, is 12 Oak St for sale?", true, "Acme Homes")).toEqual(["no_opt_out", "no_sender_identity"]);
    expect(codes("Hi Maria, Sam with Acme Homes. Is 12 Oak St for sale? Reply STOP to opt out", true, "Acme Homes")).toEqual([]);
    // later texts need neither
    expect(codes("Hi Maria, any news?", false, "Acme Homes")).toEqual([]);
  });

  it("recognises the usual ways to say how to opt out", () => {
    expect(hasOptOutLanguage("Reply STOP to opt out")).toBe(true);
    expect(hasOptOutLanguage("Text END to unsubscribe")).toBe(true);
    expect(hasOptOutLanguage("Opt-out anytime")).toBe(true);
    expect(hasOptOutLanguage("Don't stop believing")).toBe(false);
  });
});
