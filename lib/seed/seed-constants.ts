/** The seed of every demo PRNG stream: change it and every name, phone and price changes. */
export const SEED = "dealcycle-demo-v1";

/** Leads per company in the normal demo and with `--large`. */
export const LEAD_COUNTS = { acme: { normal: 1_000, large: 100_000 }, globex: { normal: 300, large: 20_000 } } as const;
export const BUYER_COUNTS = { acme: 200, globex: 40 } as const;
export const DEAL_COUNTS = { acme: 60, globex: 12 } as const;
