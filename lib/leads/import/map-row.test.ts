// One row of a provider's export read into a lead: values as exports write them.
import { describe, expect, it } from "vitest";
import { autoMapColumns } from "./auto-map";
import { mapRow } from "./map-row";

function read(headers: string[], cells: string[]) {
  const out = mapRow(cells, { mapping: autoMapColumns(headers), headers, customFields: [] });
  if (!out.ok) throw new Error(out.reason);
  return out;
}

describe("mapRow", () => {
  it("splits a tag cell on line breaks, bullets and spaced slashes as well as , ; |", () => {
    const { lead } = read(["Name", "Phone", "Tags"], ["Ann Lee", "2145550401", "Absentee Owner\nHigh Equity • Vacant | Probate / Tired Landlord; Pre-Foreclosure"]);
    expect(lead.tags).toEqual(["absentee owner", "high equity", "vacant", "probate", "tired landlord", "pre-foreclosure"]);
  });

  it("reads an e-mail written with a display name ('John Doe <john@x.com>', 'Doe, John <john@x.com>')", () => {
    const { lead, warnings } = read(["Name", "Phone", "Email", "Email 2"], ["John Doe", "2145550402", "John Doe <John@Example.com>", '"Doe, John" <jdoe@example.net>, Work <jd@work.example>']);
    expect(lead.emails).toEqual([{ address: "john@example.com" }, { address: "jdoe@example.net" }, { address: "jd@work.example" }]);
    expect(warnings).toEqual([]);
    expect(lead.notes).toBeUndefined();
  });

  it("reads DealMachine's phone_N_do_not_call flags (0/1) as the numbers' do-not-call status", () => {
    const { lead } = read(
      ["owner_1_firstname", "owner_1_lastname", "phone_1", "phone_1_type", "phone_1_do_not_call", "phone_2", "phone_2_type", "phone_2_do_not_call", "phone_3", "phone_3_dnc"],
      ["Keisha", "Johnson", "2145551001", "Wireless", "0", "2145551002", "Landline", "1", "2145551003", "TRUE"],
    );
    expect(lead.phones).toEqual([
      { number: "+12145551001", type: "mobile", status: "active" },
      { number: "+12145551002", type: "landline", status: "do_not_call" },
      { number: "+12145551003", type: "unknown", status: "do_not_call" },
    ]);
  });

  it("reads Excel's accounting dash ('$ -') as no value, not as a bad number", () => {
    const { lead, warnings } = read(["Name", "Phone", "Asking Price", "Estimated Value"], ["Bo Kim", "2145550403", " $ -   ", "-   € "]);
    expect(lead.asking_price).toBeUndefined();
    expect(lead.estimated_value).toBeUndefined();
    expect(warnings).toEqual([]);
  });
});
