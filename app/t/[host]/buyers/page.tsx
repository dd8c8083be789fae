import { PlannedSection } from "@/components/shell/planned-section";

export const metadata = { title: "Buyers" };

export default function BuyersPage() {
  return <PlannedSection title="Buyers" description="The cash-buyer list and matching buyers to properties are still being built." />;
}
