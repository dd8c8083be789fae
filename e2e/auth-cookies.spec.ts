// Why each workspace host gets its own session through a hand-off instead of one shared cookie:
// Chromium refuses a cookie for the parent domain `localhost` (as it would for any public
// suffix), and custom domains share no parent at all. This probes the browser itself, with a
// throwaway server, so the premise of the design is checked where it matters.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";

let server: Server;
let port: number;

test.beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/set") {
      res.setHeader("Set-Cookie", ["parent=1; Domain=localhost; Path=/", "dotparent=1; Domain=.localhost; Path=/", "hostonly=1; Path=/"]);
    }
    res.setHeader("content-type", "text/plain");
    res.end(`cookies:${req.headers.cookie ?? ""}`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test("Chromium keeps a cookie on the host that set it and refuses Domain=localhost", async ({ page, context }) => {
  await page.goto(`http://acme.localhost:${port}/set`);
  await page.goto(`http://acme.localhost:${port}/`);
  await expect(page.locator("body")).toHaveText("cookies:hostonly=1");
  await page.goto(`http://globex.localhost:${port}/`);
  await expect(page.locator("body")).toHaveText("cookies:");
  expect((await context.cookies()).map((c) => c.name)).toEqual(["hostonly"]);
});
