// Enum values shared with client code (forms, filters): no mongoose import here.
export const FUNDING_TYPES = ["cash", "conventional", "hard_money", "private_money"] as const;
export const CREDIT_SCORES = ["excellent", "good", "fair", "poor"] as const;
export const EXPERIENCE_LEVELS = ["beginner", "intermediate", "advanced"] as const;
