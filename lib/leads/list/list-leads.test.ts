import { Types } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { createTenant, leadInput } from "@/lib/testing/factories";
import { Lead } from "@/models/lead";
import { User } from "@/models/user";
import { dbSource } from "./db-source";
import { buildLeadIndex, currentIndex, indexSourceOf } from "./index/lead-index";
import { dropIndex } from "./index/index-store";
import { countLeads, listLeads } from "./list-leads";
import { emptyListQuery, parseListQuery, type LeadListQuery } from "./list-query";
import type { LeadPageSource } from "./page-source";
import { SORT_KEYS } from "./columns";

// Wednesday 15 July 2026, 10:00 in Chicago (15:00 UTC).
const NOW = new Date("2026-07-15T15:00:00Z");
const TZ = "America/Chicago";
const hours = (h: number) => new Date(NOW.getTime() + h * 3_600_000);

let admin: TenantContext;
let rep: TenantContext;
let other: TenantContext;
let repId: string;
let rep2Id: string;
const ids: Record<string, string> = {};

async function addLead(key: string, fields: Record<string, unknown>, ctx = admin) {
  const doc = await scoped(ctx, Lead).create(leadInput(fields));
  ids[key] = String(doc._id);
  return doc;
}

beforeAll(async () => {
  const a = await createTenant();
  const b = await createTenant();
  const users = await scoped(a.ctx, User).insertMany([
    { email: "boss@a.test", name: "Boss", role: "admin" },
    { email: "rep@a.test", name: "Rep One", role: "acquisition_rep" },
    { email: "rep2@a.test", name: "Rep Two", role: "acquisition_rep" },
  ]);
  admin = { ...a.ctx, userId: String(users[0]._id) };
  repId = String(users[1]._id);
  rep2Id = String(users[2]._id);
  rep = { tenantId: a.ctx.tenantId, userId: repId, role: "acquisition_rep" };
  other = b.ctx;

  await addLead("john", { name: "John Smith", phone: "+15551234567", email: "john.smith@example.com", status: "new", priority: "high", source: "website", assigned_to: repId, tags: ["vacant", "absentee"], next_follow_up: hours(2), created_at: new Date("2026-07-01T12:00:00Z"), asking_price: 150000, estimated_value: 200000, lead_score: 80 });
  await addLead("jane", { name: "Jane Smithers", phone: "+15559876543", email: "jane@acme.test", status: "contacted", priority: "urgent", source: "referral", assigned_to: repId, tags: ["vacant"], next_follow_up: hours(-30), last_contacted: hours(-48), created_at: new Date("2026-07-05T12:00:00Z"), asking_price: 90000, lead_score: 40 });
  await addLead("bob", { name: "Bob Jones", phone: "+15551112222", email: undefined, status: "under_contract", priority: "low", source: "website", assigned_to: rep2Id, tags: [], next_follow_up: hours(48), last_contacted: hours(-2), created_at: new Date("2026-07-10T12:00:00Z"), estimated_value: 120000 });
  await addLead("ann", { name: "Ann Élise Dupré", phone: "+15553334444", email: "ann@example.org", status: "closed", priority: "medium", source: "cold_call", tags: ["probate"], next_follow_up: hours(-5), created_at: new Date("2026-06-20T12:00:00Z"), lead_score: 80 });
  await addLead("zed", { name: "Zed O'Young-Hale", phone: "+15557770000", email: "zed@example.com", status: "lost", priority: "medium", source: "cold_call", assigned_to: repId, tags: ["probate", "vacant"], created_at: new Date("2026-07-14T12:00:00Z"), asking_price: 150000 });
  // Another tenant's lead that matches every search: it must never show.
  await addLead("foreign", { name: "John Smith", phone: "+15551234567", email: "john.smith@example.com", status: "new", tags: ["vacant"] }, other);
});

const q = (search: string) => parseListQuery(new URLSearchParams(search)).query;
const names = async (ctx: TenantContext, query: LeadListQuery, source: LeadPageSource) =>
  (await listLeads(ctx, query, { source, now: NOW, timeZone: TZ })).rows.map((r) => r.name);

async function indexSource(ctx: TenantContext): Promise<LeadPageSource> {
  await dropIndex(ctx.tenantId);
  await buildLeadIndex(ctx);
  return indexSourceOf((await currentIndex(ctx.tenantId))!);
}

afterAll(async () => {
  await dropIndex(admin.tenantId);
});

const SOURCES: [string, () => Promise<LeadPageSource>][] = [
  ["database", async () => dbSource],
  ["list index", () => indexSource(admin)],
];

describe.each(SOURCES)("listLeads from the %s", (_name, makeSource) => {
  let source: LeadPageSource;
  beforeAll(async () => {
    source = await makeSource();
  });

  it("lists the tenant's leads newest first with a total, never another tenant's", async () => {
    const page = await listLeads(admin, emptyListQuery(), { source, now: NOW, timeZone: TZ });
    expect(page.rows.map((r) => r.name)).toEqual(["Zed O'Young-Hale", "Bob Jones", "Jane Smithers", "John Smith", "Ann Élise Dupré"]);
    expect(page.total).toBe(5);
    expect(page.nextCursor).toBeUndefined();
    expect(page.prevCursor).toBeUndefined();
    expect(page.rows.map((r) => r.id)).not.toContain(ids.foreign);
  });

  it("filters by status, priority, source, assignee, tags", async () => {
    expect(await names(admin, q("status=new,contacted&sort=name"), source)).toEqual(["Jane Smithers", "John Smith"]);
    expect(await names(admin, q("priority=urgent"), source)).toEqual(["Jane Smithers"]);
    expect(await names(admin, q("source=cold_call&sort=name"), source)).toEqual(["Ann Élise Dupré", "Zed O'Young-Hale"]);
    expect(await names(admin, q(`assigned=${rep2Id}`), source)).toEqual(["Bob Jones"]);
    expect(await names(admin, q("assigned=none"), source)).toEqual(["Ann Élise Dupré"]);
    expect(await names(admin, q(`assigned=none,${rep2Id}&sort=name`), source)).toEqual(["Ann Élise Dupré", "Bob Jones"]);
    expect(await names(admin, q("assigned=me"), source)).toEqual([]);
    expect(await names({ ...admin, userId: rep2Id }, q("assigned=me"), source)).toEqual(["Bob Jones"]);
    expect(await names(admin, q("tag=probate&sort=name"), source)).toEqual(["Ann Élise Dupré", "Zed O'Young-Hale"]);
    expect(await names(admin, q("tag=probate&tag=absentee&sort=name"), source)).toEqual(["Ann Élise Dupré", "John Smith", "Zed O'Young-Hale"]);
  });

  it("filters follow-ups due today and overdue in the person's time zone, open leads only", async () => {
    // John: today 12:00 Chicago; Jane: yesterday; Ann: 5 h ago but closed; Bob: in two days.
    expect(await names(admin, q("follow_up=today"), source)).toEqual(["John Smith"]);
    expect(await names(admin, q("follow_up=overdue"), source)).toEqual(["Jane Smithers"]);
    expect(await names(admin, q("follow_up=due&sort=name"), source)).toEqual(["Jane Smithers", "John Smith"]);
    expect(await names(admin, q("follow_up=upcoming"), source)).toEqual(["Bob Jones"]);
    expect(await names(admin, q("follow_up=none"), source)).toEqual(["Zed O'Young-Hale"]);
    // 05:00 UTC on the 16th is still the 15th in Chicago.
    const late = await listLeads(admin, q("follow_up=today"), { source, now: new Date("2026-07-16T04:00:00Z"), timeZone: TZ });
    expect(late.rows.map((r) => r.name)).toEqual(["John Smith"]);
  });

  it("filters created and last-contacted date ranges (inclusive days) and never-contacted", async () => {
    expect(await names(admin, q("created_from=2026-07-05&created_to=2026-07-10&sort=name"), source)).toEqual(["Bob Jones", "Jane Smithers"]);
    expect(await names(admin, q("created_to=2026-06-30"), source)).toEqual(["Ann Élise Dupré"]);
    expect(await names(admin, q("contacted_from=2026-07-15"), source)).toEqual(["Bob Jones"]);
    expect(await names(admin, q("contacted_from=2026-07-13&contacted_to=2026-07-13"), source)).toEqual(["Jane Smithers"]);
    expect(await names(admin, q("contacted=never&sort=name"), source)).toEqual(["Ann Élise Dupré", "John Smith", "Zed O'Young-Hale"]);
    expect(await names(admin, q("contacted=ever&sort=name"), source)).toEqual(["Bob Jones", "Jane Smithers"]);
  });

  it("filters has / has no e-mail and phone", async () => {
    expect(await names(admin, q("has_email=no"), source)).toEqual(["Bob Jones"]);
    expect((await names(admin, q("has_email=yes"), source)).length).toBe(4);
    expect((await names(admin, q("has_phone=yes"), source)).length).toBe(5);
    expect(await names(admin, q("has_phone=no"), source)).toEqual([]);
  });

  it("searches name, phone and e-mail prefixes, forgiving of formatting, words ANDed", async () => {
    expect(await names(admin, q("q=555-12"), source)).toEqual(["John Smith"]);
    expect(await names(admin, q("q=(555) 123-45"), source)).toEqual(["John Smith"]);
    expect(await names(admin, q("q=%2B1 555 987"), source)).toEqual(["Jane Smithers"]);
    expect(await names(admin, q("q=smith&sort=name"), source)).toEqual(["Jane Smithers", "John Smith"]);
    expect(await names(admin, q("q=SMITH jo"), source)).toEqual(["John Smith"]);
    expect(await names(admin, q("q=jane@acme"), source)).toEqual(["Jane Smithers"]);
    expect(await names(admin, q("q=dupre"), source)).toEqual(["Ann Élise Dupré"]);
    // Each part of a hyphenated or apostrophe name, and the name without its punctuation.
    for (const text of ["hale", "young", "oyoung", "o'you", "o’young-h", "zed youn"]) {
      expect(await names(admin, q(`q=${encodeURIComponent(text)}`), source), text).toEqual(["Zed O'Young-Hale"]);
    }
    expect(await names(admin, q("q=smith 555-98"), source)).toEqual(["Jane Smithers"]);
    // Regex characters are text, not patterns.
    expect(await names(admin, q("q=.*"), source)).toEqual([]);
    expect(await names(admin, q("q=j(o"), source)).toEqual([]);
    expect(await names(admin, q("q=ohn"), source)).toEqual([]);
  });

  it("sorts on every sort key both ways, empty values last, ties broken by id", async () => {
    const sorted = async (sort: string, dir: string) => names(admin, q(`sort=${sort}&dir=${dir}`), source);
    expect(await sorted("name", "asc")).toEqual(["Ann Élise Dupré", "Bob Jones", "Jane Smithers", "John Smith", "Zed O'Young-Hale"]);
    expect(await sorted("name", "desc")).toEqual(["Zed O'Young-Hale", "John Smith", "Jane Smithers", "Bob Jones", "Ann Élise Dupré"]);
    expect(await sorted("created", "asc")).toEqual(["Ann Élise Dupré", "John Smith", "Jane Smithers", "Bob Jones", "Zed O'Young-Hale"]);
    expect(await sorted("status", "asc")).toEqual(["John Smith", "Jane Smithers", "Bob Jones", "Ann Élise Dupré", "Zed O'Young-Hale"]);
    expect(await sorted("status", "desc")).toEqual(["Zed O'Young-Hale", "Ann Élise Dupré", "Bob Jones", "Jane Smithers", "John Smith"]);
    expect(await sorted("priority", "desc")).toEqual(["Jane Smithers", "John Smith", "Zed O'Young-Hale", "Ann Élise Dupré", "Bob Jones"]);
    expect(await sorted("priority", "asc")).toEqual(["Bob Jones", "Zed O'Young-Hale", "Ann Élise Dupré", "John Smith", "Jane Smithers"]);
    expect(await sorted("next_follow_up", "asc")).toEqual(["Jane Smithers", "Ann Élise Dupré", "John Smith", "Bob Jones", "Zed O'Young-Hale"]);
    expect(await sorted("next_follow_up", "desc")).toEqual(["Bob Jones", "John Smith", "Ann Élise Dupré", "Jane Smithers", "Zed O'Young-Hale"]);
    expect(await sorted("last_contacted", "desc")).toEqual(["Bob Jones", "Jane Smithers", "Zed O'Young-Hale", "Ann Élise Dupré", "John Smith"]);
    expect(await sorted("estimated_value", "desc")).toEqual(["John Smith", "Bob Jones", "Zed O'Young-Hale", "Ann Élise Dupré", "Jane Smithers"]);
    // John and Zed both ask 150,000: ties go by id in the sort's direction.
    const [first, second, third] = await sorted("asking_price", "desc");
    expect([first, second].sort()).toEqual(["John Smith", "Zed O'Young-Hale"]);
    expect(third).toBe("Jane Smithers");
    const byScore = await sorted("score", "desc");
    expect(byScore.slice(0, 2).sort()).toEqual(["Ann Élise Dupré", "John Smith"]);
    expect(byScore.slice(2)).toEqual(["Jane Smithers", "Zed O'Young-Hale", "Bob Jones"]);
    for (const key of SORT_KEYS) {
      for (const dir of ["asc", "desc"]) expect((await sorted(key, dir)).length, `${key} ${dir}`).toBe(5);
    }
  });

  it("shows a rep only the leads assigned to them, in lists, searches and counts", async () => {
    expect(await names(rep, q("sort=name"), source)).toEqual(["Jane Smithers", "John Smith", "Zed O'Young-Hale"]);
    expect(await names(rep, q("q=bob"), source)).toEqual([]);
    expect(await names(rep, q(`assigned=${rep2Id}`), source)).toEqual([]);
    expect(await countLeads(rep, emptyListQuery(), { source })).toBe(3);
    expect(await countLeads(admin, q("tag=vacant"), { source })).toBe(3);
  });

  it("refuses a context without leads.read", async () => {
    await expect(listLeads({ tenantId: admin.tenantId, permissions: [] }, emptyListQuery(), { source })).rejects.toThrow(/permission/);
  });
});

describe("keyset pagination", () => {
  let ctx: TenantContext;
  beforeAll(async () => {
    ctx = { ...(await createTenant()).ctx, userId: new Types.ObjectId().toHexString() };
    // 57 leads with many ties: 4 distinct asking prices, some without one, 3 created instants.
    const docs = Array.from({ length: 57 }, (_, i) =>
      leadInput({
        name: `Lead ${String(i % 9).padStart(2, "0")}`,
        asking_price: i % 5 === 0 ? undefined : 100_000 + (i % 4) * 1000,
        status: ["new", "contacted", "lost"][i % 3],
        priority: ["low", "high"][i % 2],
        created_at: new Date(Date.UTC(2026, 0, 1 + (i % 3))),
      }),
    );
    await scoped(ctx, Lead).insertMany(docs);
  });
  afterAll(() => dropIndex(ctx.tenantId));

  const walk = async (search: string, source: LeadPageSource) => {
    const base = q(search);
    const seen: string[] = [];
    const pages: { ids: string[]; prev?: string; next?: string }[] = [];
    let after: string | undefined;
    for (let guard = 0; guard < 20; guard++) {
      const page = await listLeads(ctx, { ...base, size: 25, after }, { source, now: NOW });
      expect(page.total).toBe(57);
      pages.push({ ids: page.rows.map((r) => r.id), prev: page.prevCursor, next: page.nextCursor });
      seen.push(...page.rows.map((r) => r.id));
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    return { seen, pages };
  };

  for (const [sourceName, makeSource] of [
    ["database", async () => dbSource],
    ["list index", async () => indexSource(ctx)],
  ] as const) {
    it(`walks every sort forwards and back without duplicates or skips (${sourceName})`, async () => {
      const source = await makeSource();
      for (const sort of SORT_KEYS) {
        for (const dir of ["asc", "desc"]) {
          const search = `sort=${sort}&dir=${dir}`;
          const all = (await listLeads(ctx, { ...q(search), size: 100 }, { source, now: NOW })).rows.map((r) => r.id);
          const { seen, pages } = await walk(search, source);
          expect(seen, search).toEqual(all);
          expect(new Set(seen).size).toBe(57);
          expect(pages.map((p) => p.ids.length)).toEqual([25, 25, 7]);
          // Back from the last page: the previous page is exactly the second page.
          const back = await listLeads(ctx, { ...q(search), size: 25, before: pages[2].prev }, { source, now: NOW });
          expect(back.rows.map((r) => r.id), search).toEqual(pages[1].ids);
          expect(back.nextCursor).toBeDefined();
          const first = await listLeads(ctx, { ...q(search), size: 25, before: back.prevCursor }, { source, now: NOW });
          expect(first.rows.map((r) => r.id)).toEqual(pages[0].ids);
          expect(first.prevCursor).toBeUndefined();
        }
      }
    });
  }

  it("answers a malformed or foreign cursor with the first page and a problem", async () => {
    const page = await listLeads(ctx, { ...q(""), size: 25, after: "bm90LWEtY3Vyc29y" }, { source: dbSource });
    expect(page.rows).toHaveLength(25);
    expect(page.problems[0].param).toBe("after");
    const byName = await listLeads(ctx, { ...q("sort=name"), size: 25 }, { source: dbSource });
    const wrongSort = await listLeads(ctx, { ...q("sort=created"), size: 25, after: byName.nextCursor }, { source: dbSource });
    expect(wrongSort.problems).toHaveLength(1);
  });
});

// Issue 10, item 6: what reps type. Both the database path and the list index answer the same.
describe.each(SOURCES)("searching what reps type, from the %s", (sourceName) => {
  let ctx: TenantContext;
  let source: LeadPageSource;
  beforeAll(async () => {
    ctx = (await createTenant()).ctx;
    const leads = scoped(ctx, Lead);
    await leads.create(leadInput({ name: "Gail Owens", phones: [{ number: "+18177166366" }, { number: "+12145550188", type: "mobile" }], emails: [{ address: "gail@example.net" }], address: { street: "1423 Glenwood Dr", city: "Fort Worth", state: "TX", zip_code: "76104" } }));
    await leads.create(leadInput({ name: "Hank Ruiz", phone: "+12145556367", email: "hank@example.com", address: { street: "9 Fortune Ln", city: "Dallas", state: "TX", zip_code: "75201" } }));
    source = sourceName === "database" ? dbSource : await indexSource(ctx);
  });
  afterAll(async () => {
    await dropIndex(ctx.tenantId);
  });

  it("finds a lead by the last four digits, the number without its area code, a second phone, a street, a city, an e-mail domain", async () => {
    for (const text of ["6366", "716-6366", "716 6366", "(817) 716-6366", "555-0188", "0188", "Glenwood", "1423 glenwood", "Fort Worth", "fort wor", "worth", "example.net", "gail@example.net", "owens 6366"]) {
      expect(await names(ctx, q(`q=${encodeURIComponent(text)}`), source), text).toEqual(["Gail Owens"]);
    }
    expect(await names(ctx, q("q=example.com"), source)).toEqual(["Hank Ruiz"]);
    expect(await names(ctx, q("q=dallas"), source)).toEqual(["Hank Ruiz"]);
    // Words are still ANDed: a street of one lead and a city of the other find neither.
    expect(await names(ctx, q("q=glenwood dallas"), source)).toEqual([]);
  });
});
