import { PlannedSection } from "@/components/shell/planned-section";

export const metadata = { title: "Settings" };

export default function SettingsPage() {
  return <PlannedSection title="Settings" description="Company profile, team and integrations are managed here." />;
}
