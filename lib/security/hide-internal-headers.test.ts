// The rewrite target Next.js's router puts on rewritten responses (`x-middleware-rewrite:
// /t/<host>/...`) never leaves the server, however the response's head is written.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hideInternalResponseHeaders } from "./hide-internal-headers";

let server: Server;
let base: string;

beforeAll(async () => {
  hideInternalResponseHeaders();
  hideInternalResponseHeaders(); // a second start (dev reloads) changes nothing
  server = createServer((req, res) => {
    // As resolve-routes.js does: set before the page renders, then the body is written.
    res.setHeader("x-middleware-rewrite", "/t/acme.localhost/leads");
    res.setHeader("x-kept", "1");
    if (req.url === "/explicit") res.writeHead(200, { "X-Middleware-Rewrite": "/t/acme.localhost", "content-type": "text/plain" }).end("ok");
    else if (req.url === "/stream") {
      res.write("chunk");
      res.end();
    } else res.end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("hideInternalResponseHeaders", () => {
  it("drops x-middleware-rewrite from every response and keeps the rest", async () => {
    for (const path of ["/", "/explicit", "/stream"]) {
      const res = await fetch(base + path);
      expect(res.headers.get("x-middleware-rewrite"), path).toBeNull();
      expect(res.headers.get("x-kept"), path).toBe("1");
      expect(await res.text(), path).toMatch(/ok|chunk/);
    }
    expect((await fetch(`${base}/explicit`)).headers.get("content-type")).toBe("text/plain");
  });
});
