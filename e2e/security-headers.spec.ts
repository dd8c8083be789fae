// What an outside probe found (issue 13, items 6 and 7): the sign-in page could be framed by another
// site, responses lacked CSP / nosniff / Referrer-Policy and exposed the internal tenant route in
// `x-middleware-rewrite`, and a long URL with a signed-in session's cookies hung for 90 s. Checked
// here on the production build with real requests, as a browser and a probe send them.
import { request as httpRequest, createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { ROOT_URL, tenantHost, tenantUrl } from "./support/hosts";

const port = Number(process.env.E2E_PORT ?? 3100);
let attacker: Server;
let attackerOrigin: string;

test.beforeAll(async () => {
  // Another origin's page that frames the app's sign-in page.
  attacker = createServer((_req, res) => {
    res.setHeader("content-type", "text/html");
    res.end(`<!doctype html><title>elsewhere</title><iframe id="victim" src="${ROOT_URL}/signin" width="800" height="600"></iframe>`);
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => attacker.close(resolve));
});

/** A raw HTTP/1.1 GET from the test process with the browser's cookies for that host, timed. */
async function probe(context: BrowserContext, host: string, path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; ms: number }> {
  const cookie = (await context.cookies(`http://${host}/`)).map((c) => `${c.name}=${c.value}`).join("; ");
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, headers: { host, cookie, accept: "*/*" }, timeout: 120_000 }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, ms: Date.now() - started }));
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within 120 s for ${path.slice(0, 60)}…`)));
    // Node.js answers a head over its 16 KB limit with 431 and closes at once, often before the
    // client has finished writing: a reset then arrives instead of the status (status 0).
    req.on("error", (err: NodeJS.ErrnoException) => (["ECONNRESET", "EPIPE"].includes(err.code ?? "") ? resolve({ status: 0, headers: {}, ms: Date.now() - started }) : reject(err)));
    req.end();
  });
}

function expectSecurityHeaders(headers: Record<string, string | string[] | undefined>, what: string) {
  expect(String(headers["content-security-policy"]), what).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(String(headers["content-security-policy"]), what).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["x-middleware-rewrite"], what).toBeUndefined();
}

/** Collects the browser's CSP violation reports of a page. */
function cspViolations(page: Page): string[] {
  const found: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy/i.test(msg.text())) found.push(msg.text());
  });
  return found;
}

test("another site cannot frame the sign-in page", async ({ page }) => {
  const framed = page.waitForResponse((r) => r.url() === `${ROOT_URL}/signin`);
  await page.goto(attackerOrigin);
  expect((await framed).status()).toBe(200);
  const frame = page.frameLocator("#victim");
  // Chromium replaces a refused frame with its error page: the form never appears there.
  await expect.poll(() => page.frames().find((f) => f !== page.mainFrame())?.url()).toMatch(/^chrome-error:/);
  await expect(frame.getByLabel("E-mail")).toHaveCount(0);
  // The same page opened directly works.
  await page.goto(`${ROOT_URL}/signin`);
  await expect(page.getByLabel("E-mail")).toBeVisible();
});

test("pages and APIs carry the security headers, scripts run under the CSP, and the internal route stays hidden", async ({ page, context }) => {
  test.setTimeout(180_000); // several full page loads on a shared machine
  const violations = cspViolations(page);
  await signIn(page, { email: "admin@acme.example.com", password: "DealCycle-demo-2026", next: "/settings/profile" });
  const acme = tenantHost("acme");

  const settings = await probe(context, acme, "/settings");
  expect(settings.status).toBe(200);
  expectSecurityHeaders(settings.headers, "page");
  const api = await probe(context, acme, "/api/v1/leads?limit=1");
  expect(api.status).toBe(200);
  expectSecurityHeaders(api.headers, "api");
  expectSecurityHeaders((await probe(context, `localhost:${port}`, "/signin")).headers, "root sign-in page");
  expectSecurityHeaders((await probe(context, `localhost:${port}`, "/api/health")).headers, "health");
  expectSecurityHeaders((await probe(context, acme, "/no-such-page")).headers, "not found");
  // API error answers too: a route's own not-found and a path no route serves.
  const missingDeal = await probe(context, acme, "/api/v1/deals/000000000000000000000000/documents");
  expect(missingDeal.status).toBe(404);
  expectSecurityHeaders(missingDeal.headers, "api not found");
  const noRoute = await probe(context, acme, "/api/v1/no-such-route");
  expect(noRoute.status).toBe(404);
  expectSecurityHeaders(noRoute.headers, "api without a route");

  // The page is interactive under the CSP: client-side navigation works, and the theme script ran.
  await page.goto(tenantUrl("acme", "/settings/profile"));
  // Next.js's own files, which the proxy never sees, are not sniffed or framed either.
  const chunk = await page.locator("script[src^='/_next/static/']").first().getAttribute("src");
  const asset = await probe(context, acme, chunk!);
  expect(asset.headers["x-content-type-options"]).toBe("nosniff");
  expect(asset.headers["x-frame-options"]).toBe("DENY");
  // What the proxy never sees runs no script either: a missing /favicon.ico or /robots.txt is
  // answered with the not-found page (HTML), which had no CSP at all.
  for (const path of [chunk!, "/favicon.ico", "/robots.txt", "/icons/no-such-icon.png", "/favicon.svg"]) {
    const res = await probe(context, acme, path);
    expect(String(res.headers["content-security-policy"]), path).toMatch(/^default-src 'none';.*frame-ancestors 'none'/);
    expect(String(res.headers["content-security-policy"]), path).not.toContain("script-src");
    expect(res.headers["x-frame-options"], path).toBe("DENY");
  }
  await expect(page.locator("html")).toHaveAttribute("data-theme", /light|dark|auto/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  expect(violations).toEqual([]);
});

test("an oversized request with a signed-in session's cookies is refused at once, never left hanging", async ({ page, context }) => {
  test.setTimeout(180_000);
  await signIn(page, { email: "admin@acme.example.com", password: "DealCycle-demo-2026", next: "/settings/profile" });
  const acme = tenantHost("acme");
  const long = "a".repeat(8000);
  for (const path of [`/api/v1/leads?zz=${long}`, `/leads?q=${long}`, `/leads?q=${"a".repeat(7500)}`]) {
    const res = await probe(context, acme, path);
    expect(res.status, path.slice(0, 30)).toBe(414);
    expect(res.ms, path.slice(0, 30)).toBeLessThan(10_000);
  }
  const huge = await probe(context, acme, `/leads?q=${"a".repeat(70_000)}`);
  expect([431, 0]).toContain(huge.status);
  expect(huge.ms).toBeLessThan(10_000);
  // The browser gets the same answer, and an ordinary search still works.
  expect((await page.goto(tenantUrl("acme", `/leads?q=${long}`)))?.status()).toBe(414);
  expect((await page.goto(tenantUrl("acme", "/settings/profile?from=search")))?.status()).toBe(200);
});
