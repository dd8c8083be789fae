import { PlannedSection } from "@/components/shell/planned-section";

export const metadata = { title: "Buyers" };

export default function BuyersPage() {
  return <PlannedSection title="Buyers" description="Your cash buyers list is being built: matching buyers to properties arrives with the dispositions release." />;
}
