import { Section } from "@/components/settings/form-controls";
import { PasswordForm } from "@/components/settings/password-form";
import { ProfileForm } from "@/components/settings/profile-form";
import { getMyProfile } from "@/lib/preferences/profile";
import { ROLE_LABELS, ROLE_SUMMARIES } from "@/lib/team/roles";
import { getRequestContext } from "@/lib/core/tenancy/request-context";
import { changePasswordAction, saveProfileAction } from "./actions";

export const metadata = { title: "Profile" };

export default async function ProfilePage() {
  const { ctx } = await getRequestContext();
  const profile = await getMyProfile(ctx);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Your profile</h1>
        <p className="mt-1 text-sm text-slate-700 dark:text-slate-300" data-testid="role-summary">
          Role: <strong>{ROLE_LABELS[profile.role]}</strong>. {ROLE_SUMMARIES[profile.role]}
        </p>
      </div>
      <Section title="Profile and preferences">
        <ProfileForm
          action={saveProfileAction}
          profile={{ name: profile.name, email: profile.email, phone: profile.phone, theme: profile.theme, notifications: profile.notifications, defaultView: profile.defaultView }}
        />
      </Section>
      <Section title="Password" description={profile.hasPassword ? undefined : "You sign in with Google. Set a password to sign in with your e-mail address too."}>
        <PasswordForm action={changePasswordAction} hasPassword={profile.hasPassword} />
      </Section>
    </div>
  );
}
