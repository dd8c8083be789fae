import { describe, expect, it } from "vitest";
import { comingSoonFor, navItemsFor } from "@/components/shell/nav-items";
import { ROLE_PERMISSIONS } from "@/lib/core/permissions";
import { FEATURE_KEYS, isFeatureAvailable, isFeatureEnabled } from "./feature-keys";
import { planAllowsSwitch } from "./plan-features";

const labels = (settings: Record<string, boolean> | null) => navItemsFor(ROLE_PERMISSIONS.admin, settings).map((i) => i.label);

describe("feature switches", () => {
  it("falls back to the model's defaults for unset switches", () => {
    expect(FEATURE_KEYS.filter((k) => isFeatureEnabled({ settings: {} }, k))).toEqual(["sms_enabled", "call_enabled"]);
    expect(isFeatureEnabled({ settings: { sms_enabled: false } }, "sms_enabled")).toBe(false);
    expect(isFeatureEnabled({ settings: { automation_enabled: true } }, "automation_enabled")).toBe(true);
  });

  it("leaves sections that are not built out of the menu, whatever the switches say, and names them per role", () => {
    const switched: Record<string, boolean>[] = [{}, { sms_enabled: true, call_enabled: true, automation_enabled: true, advanced_analytics: true }];
    for (const settings of switched) {
      expect(labels(settings)).toEqual(["Dashboard", "Leads", "Buyers", "Deals", "Inbox", "Settings"]);
    }
    expect(navItemsFor(ROLE_PERMISSIONS.disposition_manager, {}).map((i) => i.label)).toEqual(["Dashboard", "Leads", "Buyers", "Deals", "Inbox", "Settings"]);
    // texts and calls both switched off: no inbox
    expect(labels({ sms_enabled: false, call_enabled: false })).toEqual(["Dashboard", "Leads", "Buyers", "Deals", "Settings"]);
    const soon = (role: keyof typeof ROLE_PERMISSIONS) => comingSoonFor(ROLE_PERMISSIONS[role]).map((i) => i.label);
    expect(soon("admin")).toEqual(["Automations", "Analytics"]);
    expect(soon("disposition_manager")).toEqual(["Analytics"]);
    expect(soon("acquisition_rep")).toEqual([]);
  });

  it("shows only the switches of built features as available", () => {
    expect(FEATURE_KEYS.filter(isFeatureAvailable)).toEqual(["sms_enabled", "call_enabled"]);
  });

  it("lets a plan turn on only the switches it includes", () => {
    expect(planAllowsSwitch({ subscription_plan: "basic" }, "automation_enabled")).toBe(false);
    expect(planAllowsSwitch({ subscription_plan: "professional" }, "automation_enabled")).toBe(true);
    expect(planAllowsSwitch({ subscription_plan: "professional" }, "ai_summaries")).toBe(false);
    expect(planAllowsSwitch({ subscription_plan: "basic", features_enabled: ["ai_summaries"] }, "ai_summaries")).toBe(true);
    expect(planAllowsSwitch({ subscription_plan: "basic" }, "auto_tagging")).toBe(true);
  });
});
