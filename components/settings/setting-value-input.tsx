"use client";

import { useState } from "react";
import type { SettingValueType } from "@/lib/settings/setting-values";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";

const TYPE_OPTIONS = [
  { value: "string", label: "Text" },
  { value: "number", label: "Number" },
  { value: "boolean", label: "True / false" },
  { value: "json", label: "JSON" },
];

/** The type chooser and the value field that suits it. */
export function SettingValueInput({ type, value, errors, label = "Value" }: { type: SettingValueType; value: string; errors: { type?: string[]; value?: string[] }; label?: string }) {
  const [current, setCurrent] = useState<SettingValueType>(type);
  return (
    <>
      <SelectField label="Type" name="type" options={TYPE_OPTIONS} defaultValue={type} onChange={(e) => setCurrent(e.target.value as SettingValueType)} error={errors.type} />
      {current === "boolean" ? (
        <SelectField label={label} name="value" options={[{ value: "true", label: "true" }, { value: "false", label: "false" }]} defaultValue={value === "true" ? "true" : "false"} error={errors.value} />
      ) : current === "json" ? (
        <TextAreaField label={label} name="value" rows={4} mono defaultValue={value} error={errors.value} spellCheck={false} hint='Such as {"hours": 9} or ["a", "b"].' />
      ) : (
        <TextField label={label} name="value" type="text" inputMode={current === "number" ? "decimal" : undefined} defaultValue={value} error={errors.value} />
      )}
    </>
  );
}
