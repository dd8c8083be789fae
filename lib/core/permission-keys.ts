/** The workspace switch "reps see all leads": settings {category: "permissions", key: "reps_see_all_leads"}, value true/false. */
export const REPS_SEE_ALL_LEADS = { category: "permissions", key: "reps_see_all_leads" } as const;
