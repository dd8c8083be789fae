import { beforeAll, describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { createTenant, leadInput } from "@/lib/testing/factories";
import { LEAD_ACTIVITY } from "@/lib/leads/activity-types";
import { Activity } from "@/models/activity";
import { Lead } from "@/models/lead";
import { Setting } from "@/models/setting";
import { User } from "@/models/user";
import { parseListQuery } from "../list/list-query";
import { escapeCsvCell as csvCell } from "@/lib/leads/import/csv/write-csv";
import { exportLeadsCsv } from "./export-leads";

let admin: TenantContext;
let rep: TenantContext;
let other: TenantContext;
let ids: string[];
let foreignIds: string[];

async function read(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
}

/** A minimal CSV reader for the test (quoted cells with "" escapes, CRLF rows). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(cell), (cell = "");
    else if (c === "\r" && text[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    else cell += c;
  }
  return rows;
}

beforeAll(async () => {
  const a = await createTenant();
  const [boss, r] = await scoped(a.ctx, User).insertMany([
    { email: "boss@e.test", name: "Boss", role: "admin" },
    { email: "rep@e.test", name: "Rep, Junior", role: "acquisition_rep" },
  ]);
  admin = { tenantId: a.ctx.tenantId, userId: String(boss._id), role: "admin" };
  rep = { tenantId: a.ctx.tenantId, userId: String(r._id), role: "acquisition_rep", permissions: ["leads.read", "leads.export"] };
  const docs = await scoped(admin, Lead).insertMany([
    leadInput({ name: "=HYPERLINK(\"http://evil\",\"x\")", status: "new", notes: "+1 call back", tags: ["@home", "-x"], assigned_to: r._id, created_at: new Date("2026-03-01T00:00:00Z") }),
    leadInput({
      name: "Zoë \"Zed\" Müller",
      status: "contacted",
      priority: "urgent",
      notes: "line one\nline two",
      source: "cold_call",
      asking_price: 125000,
      property_details: { type: "single_family", lot_size: 6500 },
      phones: [{ number: "+12145550601", type: "mobile" }, { number: "+12145550602", type: "landline", status: "do_not_call" }],
      emails: [{ address: "zoe@example.net" }, { address: "zed@example.org", type: "work" }],
      mailing_address: { street: "PO Box 5", city: "Plano", state: "TX", zip_code: "75093" },
      custom_fields: { motivation: "Probate", close_by: new Date("2026-04-01T00:00:00Z") },
      created_at: new Date("2026-03-02T00:00:00Z"),
    }),
    leadInput({ name: "Plain Lead", status: "lost", notes: "\tTabbed", created_at: new Date("2026-03-03T00:00:00Z") }),
  ]);
  ids = docs.map((d) => String(d._id));
  await scoped(admin, Setting).create({
    category: "custom_fields",
    key: "leads",
    value: { fields: [{ key: "motivation", label: "Motivation", type: "select", options: ["Probate", "Divorce"] }, { key: "close_by", label: "Close by", type: "date", options: [] }], removed: [] },
  });
  other = (await createTenant()).ctx;
  foreignIds = (await scoped(other, Lead).insertMany([leadInput({ name: "Foreign Lead", status: "new" })])).map((d) => String(d._id));
});

describe("csvCell", () => {
  it("neutralises formulas and quotes what must be quoted", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    // A plain signed number cannot run, and a dialer reading the export needs the phone clean.
    expect(csvCell("+15551234567")).toBe("+15551234567");
    expect(csvCell("-5")).toBe("-5");
    expect(csvCell("+1 555 123")).toBe("'+1 555 123");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("+1e3")).toBe("'+1e3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell("\rx")).toBe("\"'\rx\"");
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(null)).toBe("");
  });
});

describe("exportLeadsCsv", () => {
  it("streams the filtered leads with escaped cells and logs the export", async () => {
    const text = await read(await exportLeadsCsv(admin, { query: parseListQuery(new URLSearchParams("")).query }));
    expect(text.startsWith("\uFEFF")).toBe(true);
    const rows = parseCsv(text.slice(1));
    const header = rows[0];
    const col = (name: string) => header.indexOf(name);
    expect(rows).toHaveLength(4);
    // Newest first, like the list.
    expect(rows.slice(1).map((r) => r[col("Status")])).toEqual(["Lost", "Contacted", "New"]);
    const [plain, zoe, evil] = rows.slice(1);
    expect(evil[col("Name")]).toBe("'=HYPERLINK(\"http://evil\",\"x\")");
    expect(evil[col("Notes")]).toBe("'+1 call back");
    expect(evil[col("Tags")]).toBe("'@home;' -x");
    expect(evil[col("Assigned to")]).toBe("Rep, Junior");
    expect(evil[col("Phone")]).toMatch(/^\+1555\d{7}$/);
    expect(zoe[col("Name")]).toBe('Zoë "Zed" Müller');
    expect(zoe[col("Notes")]).toBe("line one\nline two");
    expect(zoe[col("Asking price")]).toBe("125000");
    // Words, not stored codes; lot size and every custom field have their columns.
    expect(zoe[col("Property type")]).toBe("Single family");
    expect(zoe[col("Priority")]).toBe("Urgent");
    expect(zoe[col("Source")]).toBe("Cold call");
    expect(zoe[col("Lot size")]).toBe("6500");
    // Every phone with its type and status, every e-mail, the mailing address: in columns the import reads back.
    expect([zoe[col("Phone")], zoe[col("Phone type")], zoe[col("Phone status")]]).toEqual(["+12145550601", "Mobile", "Active"]);
    expect([zoe[col("Phone 2")], zoe[col("Phone 2 type")], zoe[col("Phone 2 status")]]).toEqual(["+12145550602", "Landline", "Do not call"]);
    expect(zoe[col("Phone 3")]).toBe("");
    expect([zoe[col("Email")], zoe[col("Email 2")]]).toEqual(["zoe@example.net", "zed@example.org"]);
    expect([zoe[col("Mailing address")], zoe[col("Mailing city")], zoe[col("Mailing state")], zoe[col("Mailing zip")]]).toEqual(["PO Box 5", "Plano", "TX", "75093"]);
    expect(zoe[col("Motivation")]).toBe("Probate");
    expect(zoe[col("Close by")]).toBe("2026-04-01");
    expect(plain[col("Motivation")]).toBe("");
    expect(header.at(-1)).toBe("Lead id");
    expect(plain[col("Notes")]).toBe("'\tTabbed");
    expect(rows.flat().join(" ")).not.toContain("Foreign");
    const act = await scoped(admin, Activity).findOne({ type: LEAD_ACTIVITY.exported }).lean();
    expect(act?.metadata).toMatchObject({ count: 3, mode: "filter" });
  });

  it("exports a selection, only leads the person may see, never another tenant's", async () => {
    const selected = parseCsv((await read(await exportLeadsCsv(admin, [ids[1], ...foreignIds]))).slice(1));
    expect(selected.slice(1).map((r) => r[0])).toEqual(['Zoë "Zed" Müller']);
    const repRows = parseCsv((await read(await exportLeadsCsv(rep, ids))).slice(1));
    expect(repRows).toHaveLength(2);
    await expect(exportLeadsCsv({ ...rep, permissions: ["leads.read"] }, ids)).rejects.toThrow(/permission/);
  });
});
