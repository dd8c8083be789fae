// What sellers and buyers say back, and what reps write in call notes and lead notes.
export const SELLER_SMS_REPLIES = [
  "Who is this?",
  "How did you get my number?",
  "Maybe. What would you offer?",
  "Yes I still own it. It needs a lot of work.",
  "Not interested right now",
  "Call me after 5pm",
  "How much?",
  "My mom passed last year and nobody lives there now. We might sell.",
  "Sure, call me tomorrow morning.",
  "We have tenants in it until the end of the month.",
] as const;

/** Replies once an offer is on the table. */
export const SELLER_OFFER_REPLIES = [
  "Can you do better than that?",
  "Is this a real offer?",
  "I'd need at least what I owe on it.",
  "Ok send me something in writing",
  "Let me talk to my wife and get back to you.",
] as const;

export const SELLER_EMAIL_REPLIES = [
  "Thanks for the offer. Can you tell me how you got to that number?",
  "We are interested. What are the next steps?",
  "I'm talking to a couple of other buyers, I'll get back to you.",
  "Please send the agreement and I'll review it with my husband.",
] as const;

export const CONDITIONS = [
  "needs a new roof",
  "has foundation issues",
  "is dated but livable",
  "had a kitchen fire",
  "is tenant-occupied, lease ends soon",
  "has been vacant for two years",
  "needs a full rehab",
  "needs HVAC and plumbing work",
  "has water damage in the bathroom",
  "is in decent shape, just old carpet and paint",
] as const;

export const MOTIVATIONS = [
  "wants to close in 30 days",
  "has no rush, maybe after the holidays",
  "is behind on payments and needs to sell fast",
  "is waiting on probate to finish",
  "is relocating for work next month",
  "inherited it and lives out of state",
  "is tired of dealing with tenants",
  "is going through a divorce",
  "owes back taxes on it",
] as const;

export const MISSED_CALL_NOTES = ["No answer, left voicemail.", "No answer, voicemail full.", "Straight to voicemail, no message left."] as const;

export const BUYER_SMS_REPLIES = [
  "Interested. Send the address and photos.",
  "What's the rehab estimate?",
  "Too far out for me, pass.",
  "Can I walk it tomorrow?",
  "Send comps please",
  "I'll take it at that number if the roof is ok.",
] as const;

export const OCCUPANCY = ["vacant", "owner_occupied", "tenant_occupied"] as const;
