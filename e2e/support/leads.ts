// Arranging leads the way the app makes them: POST /api/v1/leads from the signed-in page (the
// member's session; Node does not resolve *.localhost). A lead written straight into the database
// skips the data layer's domain events, so the list, board and dashboard read models never see
// it, and a later test comparing them with the database (e2e/dashboard.spec.ts) fails.
import type { Page } from "@playwright/test";

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
