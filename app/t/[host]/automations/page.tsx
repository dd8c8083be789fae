import { FeatureGate } from "@/components/settings/feature-gate";
import { PlannedSection } from "@/components/shell/planned-section";

export const metadata = { title: "Automations" };

export default function AutomationsPage() {
  return (
    <FeatureGate feature={["automation_enabled"]} title="Automations">
      <PlannedSection title="Automations" description="Follow-up sequences and workflows will be configured here." />
    </FeatureGate>
  );
}
