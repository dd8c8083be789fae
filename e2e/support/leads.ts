// Arranging leads the way the app makes them: POST /api/v1/leads from the signed-in page (the
// member's session; Node does not resolve *.localhost). A lead written straight into the database
// skips the data layer's domain events, so the list, board and dashboard read models never see
// it, and a later test comparing them with the database (e2e/dashboard.spec.ts) fails.
import type { Page } from "@playwright/test";
import type { Place } from "./places";

export type NewLead = {
  name: string;
  phone?: string;
  phones?: { number: string; type?: string; status?: string }[];
  address?: { street?: string; city?: string; state?: string; zip_code?: string };
  status?: string;
};

/** Creates a lead in the workspace of the page's host (the page must be signed in there); its id. */
export async function createLead(page: Page, lead: NewLead): Promise<string> {
  const res = await page.evaluate(async (body) => {
    const r = await fetch("/api/v1/leads", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return { status: r.status, body: await r.text() };
  }, { ...lead, allow_duplicate: true });
  if (res.status !== 201) throw new Error(`Creating the lead ${lead.name} failed: ${res.status} ${res.body}`);
  return (JSON.parse(res.body) as { data: { id: string } }).data.id;
}

let serial = 0;
/**
 * A lead at 12 Oak St in `place`, with a phone of the place's area code that no other lead of this
 * run has; `wrongNumber`: its only number is marked a wrong number (nothing may be sent to it).
 */
export async function createLeadIn(page: Page, name: string, place: Place, { wrongNumber = false } = {}) {
  const phone = `+1${place.area}555${String(1000 + ((Date.now() + serial++ * 7919) % 9000)).padStart(4, "0")}`;
  const id = await createLead(page, {
    name,
    phone,
    ...(wrongNumber ? { phones: [{ number: phone, status: "wrong_number" }] } : {}),
    address: { street: "12 Oak St", city: place.city, state: place.state, zip_code: place.zip },
  });
  return { id, phone };
}
