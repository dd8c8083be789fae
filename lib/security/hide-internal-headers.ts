// Next.js's router copies proxy.ts's rewrite target onto every rewritten response as
// `x-middleware-rewrite: /t/<host>/...` (next/dist/server/lib/router-utils/resolve-routes.js sets
// it with res.setHeader before the page renders). Nothing in the browser reads it (the App Router
// client reads `x-nextjs-rewritten-path`, sent only on its own RSC fetches, which it needs to match
// the route's parameters), and neither proxy.ts, next.config.js headers() nor a route handler can
// remove a header the router sets after them. `next start` offers no hook on the response, so the
// one place that sees every response last is Node.js's ServerResponse.writeHead, through which
// every response's head is written (res.end/write call it too): the header is dropped there.
import { ServerResponse } from "node:http";

export const HIDDEN_RESPONSE_HEADERS = ["x-middleware-rewrite"];

const INSTALLED = Symbol.for("dealcycle.hideInternalResponseHeaders");

type Patched = typeof ServerResponse.prototype & { [INSTALLED]?: true };

/** Drops the internal headers from every response this process writes. Safe to call twice. */
export function hideInternalResponseHeaders(): void {
  const proto = ServerResponse.prototype as Patched;
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const writeHead = proto.writeHead;
  proto.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (!this.headersSent) for (const name of HIDDEN_RESPONSE_HEADERS) this.removeHeader(name);
    // writeHead(status, [message], headers): headers given here are not yet on the response.
    const last = args[args.length - 1];
    if (last && typeof last === "object" && !Array.isArray(last)) {
      args[args.length - 1] = Object.fromEntries(Object.entries(last).filter(([key]) => !HIDDEN_RESPONSE_HEADERS.includes(key.toLowerCase())));
    }
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof writeHead;
}
