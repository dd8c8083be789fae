import { FeatureGate } from "@/components/settings/feature-gate";
import { PlannedSection } from "@/components/shell/planned-section";

export const metadata = { title: "Analytics" };

export default function AnalyticsPage() {
  return (
    <FeatureGate feature={["advanced_analytics"]} title="Analytics">
      <PlannedSection title="Analytics" description="Pipeline, team and source reports will appear here." />
    </FeatureGate>
  );
}
