import { describe, expect, it } from "vitest";
import { twilioMediaFetchUrl } from "./media-url";

const AC = `AC${"a".repeat(32)}`;
const MM = `MM${"b".repeat(32)}`;
const ME = `ME${"c".repeat(32)}`;
const path = `/2010-04-01/Accounts/${AC}/Messages/${MM}/Media/${ME}`;

describe("twilioMediaFetchUrl", () => {
  it("fetches only this account's Twilio media, on Twilio or on the local Twilio", () => {
    expect(twilioMediaFetchUrl(`https://api.twilio.com${path}`, AC, null)).toBe(`https://api.twilio.com${path}`);
    expect(twilioMediaFetchUrl(`http://127.0.0.1:4010${path}`, AC, "http://127.0.0.1:4010")).toBe(`http://127.0.0.1:4010${path}`);
    // Twilio's own URL read from the local Twilio, as the SDK's requests are.
    expect(twilioMediaFetchUrl(`https://api.twilio.com${path}`, AC, "http://127.0.0.1:4010")).toBe(`http://127.0.0.1:4010${path}`);
  });

  it("never an address of someone's choosing, another account's media, or a look-alike", () => {
    for (const url of [
      "https://example.com/house.jpg",
      `https://evil.example${path}`,
      `http://api.twilio.com${path}`,
      `https://api.twilio.com.evil.example${path}`,
      `https://user:pass@api.twilio.com${path}`,
      `https://api.twilio.com/2010-04-01/Accounts/AC${"d".repeat(32)}/Messages/${MM}/Media/${ME}`,
      `https://api.twilio.com${path}/../../../../Calls.json`,
      `https://api.twilio.com/2010-04-01/Accounts/${AC}/Messages/${MM}.json`,
      `http://127.0.0.1:4010${path}`,
      "not a url",
    ]) {
      expect(twilioMediaFetchUrl(url, AC, null), url).toBeNull();
    }
  });
});
