"use client";

import type { ActionResult } from "@/lib/core/errors-response";
import { FormMessage, SubmitButton } from "@/components/settings/form-controls";
import { SelectField, TextField } from "@/components/ui/field";
import { errorsOf, useFormAction, valueOf } from "@/components/settings/use-form-action";

type Action<R> = (prev: unknown, form: FormData) => Promise<ActionResult<R>>;

const A2P_OPTIONS = [
  { value: "not_registered", label: "Not registered" },
  { value: "pending", label: "Pending review" },
  { value: "approved", label: "Approved" },
  { value: "failed", label: "Rejected" },
];

export function TwilioAccountForm({
  action,
  values,
}: {
  action: Action<{ saved: boolean }>;
  values: { accountSid: string; hasToken: boolean; messagingServiceSid: string; a2pBrandStatus: string; a2pCampaignStatus: string };
}) {
  const [state, formAction] = useFormAction(action);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Account SID" name="accountSid" required autoComplete="off" spellCheck={false} placeholder="AC…" defaultValue={valueOf(state, "accountSid", values.accountSid)} error={errorsOf(state, "accountSid")} />
        <TextField
          label="Auth token"
          name="authToken"
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          hint={values.hasToken ? "Stored encrypted and never shown. Leave blank to keep it." : "Stored encrypted and never shown again; checked with Twilio when you save."}
          error={errorsOf(state, "authToken")}
        />
        <TextField label="Messaging Service SID (optional)" name="messagingServiceSid" autoComplete="off" spellCheck={false} placeholder="MG…" defaultValue={valueOf(state, "messagingServiceSid", values.messagingServiceSid)} error={errorsOf(state, "messagingServiceSid")} />
        <div className="grid grid-cols-2 gap-4">
          <SelectField label="A2P 10DLC brand" name="a2pBrandStatus" options={A2P_OPTIONS} defaultValue={valueOf(state, "a2pBrandStatus", values.a2pBrandStatus)} error={errorsOf(state, "a2pBrandStatus")} />
          <SelectField label="A2P 10DLC campaign" name="a2pCampaignStatus" options={A2P_OPTIONS} defaultValue={valueOf(state, "a2pCampaignStatus", values.a2pCampaignStatus)} error={errorsOf(state, "a2pCampaignStatus")} />
        </div>
      </div>
      <FormMessage state={state} success="Twilio account saved: Twilio accepted the credentials." />
      <SubmitButton>Save Twilio account</SubmitButton>
    </form>
  );
}

export function AddNumberForm({ action }: { action: Action<{ number: string }> }) {
  const [state, formAction] = useFormAction(action);
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3" noValidate>
      <TextField label="Phone number" name="number" type="tel" autoComplete="off" placeholder="+1 214 555 0100" defaultValue={valueOf(state, "number", "")} error={errorsOf(state, "number")} className="min-w-64" />
      <SubmitButton>Add number</SubmitButton>
      <div className="basis-full">
        <FormMessage state={state} success={state?.ok ? `${state.data.number} added.` : undefined} />
      </div>
    </form>
  );
}

export function RemoveNumberForm({ action, number }: { action: Action<{ removed: boolean }>; number: string }) {
  const [state, formAction] = useFormAction(action);
  return (
    <form action={formAction} className="inline">
      <input type="hidden" name="number" value={number} />
      <SubmitButton variant="secondary">
        Remove <span className="sr-only">{number}</span>
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
