import { afterEach, describe, expect, it, vi } from "vitest";
import { howInviteesJoin } from "./invite-wording";

afterEach(() => vi.unstubAllEnvs());

describe("how invitees join, as the Team page says it", () => {
  it("promises Google sign-in only when it is configured", () => {
    vi.stubEnv("GOOGLE_CLIENT_ID", "");
    vi.stubEnv("GOOGLE_CLIENT_SECRET", "");
    expect(howInviteesJoin()).not.toMatch(/Google/);
    expect(howInviteesJoin()).toMatch(/choose their own password\.$/);

    vi.stubEnv("GOOGLE_CLIENT_ID", "client");
    vi.stubEnv("GOOGLE_CLIENT_SECRET", "secret");
    expect(howInviteesJoin()).toMatch(/or use Google/);
  });
});
