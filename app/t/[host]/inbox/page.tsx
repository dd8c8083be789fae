import { FeatureGate } from "@/components/settings/feature-gate";
import { PlannedSection } from "@/components/shell/planned-section";

export const metadata = { title: "Inbox" };

export default function InboxPage() {
  return (
    <FeatureGate feature={["sms_enabled", "call_enabled"]} title="Inbox">
      <PlannedSection title="Inbox" description="Texts and calls with leads and buyers will arrive here once Twilio is connected." />
    </FeatureGate>
  );
}
