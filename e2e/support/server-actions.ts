import type { Page, Request } from "@playwright/test";

/** A server action request as the browser sent it, to send again with another body or session. */
export type Captured = { url: string; headers: Record<string, string>; body: string };

/**
 * The server action request that `trigger` sends. `carrying`: a text its body must hold (the
 * record's id), so an action the page runs on its own meanwhile (the thread loading its
 * templates) is not taken for it.
 */
export async function capture(page: Page, trigger: () => Promise<void>, carrying?: string): Promise<Captured> {
  const sent = page.waitForRequest((r: Request) => r.method() === "POST" && !!r.headers()["next-action"] && (!carrying || (r.postData() ?? "").includes(carrying)));
  await trigger();
  const r = await sent;
  const keep = ["next-action", "next-router-state-tree", "content-type", "accept"];
  const headers = Object.fromEntries(Object.entries(await r.allHeaders()).filter(([k]) => keep.includes(k)));
  return { url: r.url(), headers, body: r.postData() ?? "" };
}

/** Sends it from a signed-in page: that browser's cookies, origin and host (Node cannot resolve *.localhost). */
export async function replay(page: Page, c: Captured, body = c.body): Promise<string> {
  return page.evaluate(async ({ url, headers, body }) => (await fetch(url, { method: "POST", headers, body })).text(), { url: c.url, headers: c.headers, body });
}
