import { describe, expect, it } from "vitest";
import { searchTerms } from "@/lib/leads/search/search-terms";
import { clausesFilter } from "./mongo-filter";
import { criteriaFor } from "./criteria";
import { emptyListQuery, listQueryToSearch, parseListQuery } from "./list-query";

const parse = (search: string) => parseListQuery(new URLSearchParams(search));

describe("parseListQuery", () => {
  it("reads every parameter and writes the same URL back", () => {
    const search =
      "?q=john+smi&status=new%2Ccontacted&priority=high&source=website&assigned=me%2Cnone&tag=vacant&tag=a%2Cb&follow_up=due&created_from=2026-01-01&created_to=2026-01-31&contacted=ever&contacted_from=2026-02-01&contacted_to=2026-02-02&has_phone=yes&has_email=no&sort=name&dir=asc&size=25&cols=name%2Cphone";
    const { query, problems } = parse(search);
    expect(problems).toEqual([]);
    expect(query).toMatchObject({
      q: "john smi",
      status: ["new", "contacted"],
      priority: ["high"],
      source: ["website"],
      assigned: ["me", "none"],
      tags: ["vacant", "a,b"],
      followUp: "due",
      createdFrom: "2026-01-01",
      hasPhone: true,
      hasEmail: false,
      sort: "name",
      dir: "asc",
      size: 25,
      cols: ["name", "phone"],
    });
    expect(listQueryToSearch(query)).toBe(search);
  });

  it("gives the defaults for an empty URL and an empty URL for the defaults", () => {
    expect(parse("").query).toEqual(emptyListQuery());
    expect(listQueryToSearch(emptyListQuery())).toBe("");
  });

  it("ignores operator-looking keys: they are not parameters it knows", () => {
    const { query, problems } = parse("status[$ne]=x&q[$regex]=.*&assigned[$gt]=&__proto__=1&constructor=x");
    expect(query).toEqual(emptyListQuery());
    expect(problems).toEqual([]);
  });

  it("drops and reports invalid values, never passing them on", () => {
    const { query, problems } = parse("status=$ne&priority=new&sort=__proto__&dir=up&size=1000&assigned=$where&follow_up=sometime&created_from=2026-13-45&has_phone=maybe&after=a.b&cols=name,evil");
    expect(query).toEqual(emptyListQuery());
    expect(problems.map((p) => p.param).sort()).toEqual(
      ["after", "assigned", "cols", "created_from", "dir", "follow_up", "has_phone", "priority", "size", "sort", "status"].sort(),
    );
    expect(problems.find((p) => p.param === "sort")?.message).toMatch(/sort must be one of/);
  });

  it("treats a search for operators as text", () => {
    const { query } = parse("q=%7B%22%24ne%22%3A1%7D");
    expect(query.q).toBe('{"$ne":1}');
    const filter = clausesFilter(criteriaFor(query, { timeZone: "UTC", now: new Date() }));
    expect(JSON.stringify(filter)).not.toContain('"$ne":1');
    expect(filter).toEqual({ $and: [{ search_keys: { $regex: "^ne" } }, { search_keys: { $regex: "^1" } }] });
    const dots = clausesFilter(criteriaFor(parse("q=a.b*").query, { timeZone: "UTC", now: new Date() }));
    expect(dots).toEqual({ search_keys: { $regex: "^a\\.b" } });
  });

  it("refuses days that do not exist rather than rolling them over", () => {
    const { query, problems } = parse("created_from=2026-02-30&created_to=2026-02-28&contacted_from=2025-02-29&contacted_to=2024-02-29");
    expect(problems.map((p) => [p.param, p.message])).toEqual([
      ["created_from", "created_from must be a real date"],
      ["contacted_from", "contacted_from must be a real date"],
    ]);
    expect(query).toMatchObject({ createdFrom: undefined, createdTo: "2026-02-28", contactedFrom: undefined, contactedTo: "2024-02-29" });
  });

  it("refuses reversed date ranges and a cursor both ways", () => {
    const { problems } = parse("created_from=2026-02-01&created_to=2026-01-01&after=abc&before=def");
    expect(problems.map((p) => p.param)).toEqual(["before", "created_to"]);
  });
});

describe("searchTerms", () => {
  it("turns typed text into search-key prefixes", () => {
    expect(searchTerms("555-12")).toEqual(["55512"]);
    expect(searchTerms("(555) 123-4567")).toEqual(["5551234567"]);
    expect(searchTerms("+1 555")).toEqual(["1555"]);
    expect(searchTerms("  John   SMI ")).toEqual(["john", "smi"]);
    expect(searchTerms("jo john")).toEqual(["john"]);
    expect(searchTerms("Dupré")).toEqual(["dupre"]);
    expect(searchTerms("smith 555-98")).toEqual(["smith", "55598"]);
    expect(searchTerms("Jane@Acme.test")).toEqual(["jane@acme.test"]);
    // A phone keyboard's curly apostrophe finds the name stored with a straight one.
    expect(searchTerms("Nancy O’Neal")).toEqual(["nancy", "o'neal"]);
    // An e-mail domain typed with its @, a street with its abbreviation's dot, a city with its state.
    expect(searchTerms("@example.net")).toEqual(["example.net"]);
    expect(searchTerms("Glenwood Ave.")).toEqual(["glenwood", "ave"]);
    expect(searchTerms("Fort Worth, TX")).toEqual(["fort", "worth"]);
    expect(searchTerms("dallas tx")).toEqual(["dallas"]);
    expect(searchTerms("TX")).toEqual(["tx"]);
    expect(searchTerms("")).toEqual([]);
    expect(searchTerms("   ")).toEqual([]);
  });
});
