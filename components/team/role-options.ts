import { ROLE_LABELS } from "@/lib/team/roles";

export const ROLE_OPTIONS = (Object.keys(ROLE_LABELS) as (keyof typeof ROLE_LABELS)[]).map((value) => ({ value, label: ROLE_LABELS[value] }));
