import { PlannedSection } from "@/components/shell/planned-section";

export const metadata = { title: "Deals" };

export default function DealsPage() {
  return <PlannedSection title="Deals" description="Deals you send to buyers and close will be tracked here." />;
}
