import { PlannedSection } from "@/components/shell/planned-section";

export const metadata = { title: "Automations" };

export default function AutomationsPage() {
  return <PlannedSection title="Automations" description="Follow-up sequences and workflows will be configured here." />;
}
