// Saved view enums shared with client code: no mongoose import here.
export const SAVED_VIEW_SCOPES = ["leads", "deals", "buyers"] as const;
export type SavedViewScope = (typeof SAVED_VIEW_SCOPES)[number];
export const SAVED_VIEW_VISIBILITIES = ["private", "shared"] as const;
export type SavedViewVisibility = (typeof SAVED_VIEW_VISIBILITIES)[number];
