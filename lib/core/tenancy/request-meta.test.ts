import { afterEach, describe, expect, it } from "vitest";
import { clientIpFrom, trustedProxyHops } from "./request-meta";

const h = (xff?: string) => new Headers(xff === undefined ? {} : { "x-forwarded-for": xff });

afterEach(() => {
  delete process.env.TRUST_PROXY;
});

describe("clientIpFrom", () => {
  it("without trusted proxies, takes only the single address Next.js set from the socket", () => {
    expect(clientIpFrom(h("203.0.113.7"))).toBe("203.0.113.7");
    expect(clientIpFrom(h("::ffff:127.0.0.1"))).toBe("127.0.0.1");
    expect(clientIpFrom(h("::1"))).toBe("::1");
    // More than one entry means a client wrote the header: not trusted.
    expect(clientIpFrom(h("1.2.3.4, 203.0.113.7"))).toBeUndefined();
    expect(clientIpFrom(h("not-an-ip"))).toBeUndefined();
    expect(clientIpFrom(h())).toBeUndefined();
  });

  it("behind TRUST_PROXY hops, counts from the right: the left part is the client's to invent", () => {
    process.env.TRUST_PROXY = "1";
    expect(trustedProxyHops()).toBe(1);
    expect(clientIpFrom(h("6.6.6.6, 203.0.113.7"))).toBe("203.0.113.7");
    process.env.TRUST_PROXY = "2";
    expect(clientIpFrom(h("6.6.6.6, 203.0.113.7, 10.0.0.2"))).toBe("203.0.113.7");
    expect(clientIpFrom(h("10.0.0.2"))).toBeUndefined();
    process.env.TRUST_PROXY = "true";
    expect(trustedProxyHops()).toBe(1);
    process.env.TRUST_PROXY = "0";
    expect(trustedProxyHops()).toBe(0);
    process.env.TRUST_PROXY = "yes please";
    expect(trustedProxyHops()).toBe(0);
  });
});
