import { PlannedSection } from "@/components/shell/planned-section";

export const metadata = { title: "Analytics" };

export default function AnalyticsPage() {
  return <PlannedSection title="Analytics" description="Pipeline, team and source reports will appear here." />;
}
