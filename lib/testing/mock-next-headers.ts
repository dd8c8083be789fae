// A stand-in for `next/headers` in tests that call server actions and route handlers directly:
// the request's host and tenant session cookie are whatever the test puts in `request`.
//   vi.mock("next/headers", () => import("@/lib/testing/mock-next-headers"));
import { tenantSessionCookieName } from "@/lib/core/session/session-cookies";

export const request = { host: "", cookie: undefined as string | undefined, setCookies: new Map<string, string>() };

export async function headers(): Promise<Headers> {
  return new Headers({ host: request.host, "user-agent": "vitest", "x-forwarded-for": "198.51.100.9" });
}

export async function cookies() {
  return {
    get: (name: string) => (name === tenantSessionCookieName() && request.cookie ? { name, value: request.cookie } : undefined),
    getAll: () => [],
    /** What the code under test set, by name (cleared by the test when it wants). */
    set: (name: string, value: string) => void request.setCookies.set(name, value),
  };
}
