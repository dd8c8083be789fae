import { PlannedSection } from "@/components/shell/planned-section";

export const metadata = { title: "Leads" };

export default function LeadsPage() {
  return <PlannedSection title="Leads" description="Your seller leads will be listed here." />;
}
