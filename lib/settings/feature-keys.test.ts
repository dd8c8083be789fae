import { describe, expect, it } from "vitest";
import { navItemsFor } from "@/components/shell/nav-items";
import { ROLE_PERMISSIONS } from "@/lib/auth/permissions";
import { FEATURE_KEYS, isFeatureEnabled } from "./feature-keys";
import { planAllowsSwitch } from "./plan-features";

const labels = (settings: Record<string, boolean> | null) => navItemsFor(ROLE_PERMISSIONS.admin, settings).map((i) => i.label);

describe("feature switches", () => {
  it("falls back to the model's defaults for unset switches", () => {
    expect(FEATURE_KEYS.filter((k) => isFeatureEnabled({ settings: {} }, k))).toEqual(["sms_enabled", "call_enabled"]);
    expect(isFeatureEnabled({ settings: { sms_enabled: false } }, "sms_enabled")).toBe(false);
    expect(isFeatureEnabled({ settings: { automation_enabled: true } }, "automation_enabled")).toBe(true);
  });

  it("hides Inbox, Automations and Analytics from the nav while their switches are off", () => {
    expect(labels({ automation_enabled: true, advanced_analytics: true })).toEqual(["Dashboard", "Leads", "Buyers", "Deals", "Inbox", "Automations", "Analytics", "Settings"]);
    expect(labels({})).toEqual(["Dashboard", "Leads", "Buyers", "Deals", "Inbox", "Settings"]);
    expect(labels({ sms_enabled: false })).toContain("Inbox"); // calls still on
    expect(labels({ sms_enabled: false, call_enabled: false })).not.toContain("Inbox");
  });

  it("lets a plan turn on only the switches it includes", () => {
    expect(planAllowsSwitch({ subscription_plan: "basic" }, "automation_enabled")).toBe(false);
    expect(planAllowsSwitch({ subscription_plan: "professional" }, "automation_enabled")).toBe(true);
    expect(planAllowsSwitch({ subscription_plan: "professional" }, "ai_summaries")).toBe(false);
    expect(planAllowsSwitch({ subscription_plan: "basic", features_enabled: ["ai_summaries"] }, "ai_summaries")).toBe(true);
    expect(planAllowsSwitch({ subscription_plan: "basic" }, "auto_tagging")).toBe(true);
  });
});
