import { PlannedSection } from "@/components/shell/planned-section";

export const metadata = { title: "Deals" };

export default function DealsPage() {
  return <PlannedSection title="Deals" description="Sending properties to buyers and tracking each deal to its close are still being built." />;
}
