// The deal analyzer: what a property is worth to a cash buyer and how much room that leaves us.
// Pure (no I/O): the lead page, the deal page and the server all run this same function.

/** The offer rule when the workspace has not set one: a buyer pays at most 70% of ARV less repairs. */
export const DEFAULT_OFFER_RULE = 70;

export type AnalyzerInput = {
  /** After-repair value, whole dollars. */
  arv: number;
  /** Estimated repairs, whole dollars. */
  repairs: number;
  /** Percent of ARV a cash buyer pays before repairs (1–100). */
  offerRule: number;
  /** The fee we want for assigning the contract (wholesale), whole dollars. */
  assignmentFee: number;
  /** Our contract price with the seller, when known: the spread is measured against it. */
  contractPrice?: number | null;
};

export type AnalyzerResult = {
  /** Maximum allowable offer: what a cash buyer pays for it, ARV × rule − repairs. */
  mao: number;
  /** The most we can offer the seller and still make the chosen fee: MAO − fee. */
  offerToSeller: number;
  /** Room between the buyer's price (MAO) and our contract price; null without a contract price. */
  spread: number | null;
  /** What is left of the spread once the chosen fee is taken; negative when the fee does not fit. */
  spreadAfterFee: number | null;
  /** The chosen fee fits under the spread (or no contract price to compare yet). */
  feeFits: boolean;
};

export type AnalyzerProblems = Partial<Record<"arv" | "repairs" | "offer_rule" | "assignment_fee" | "contract_price", string>>;

const isAmount = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n) && n >= 0 && n <= 1e12;

/** What is wrong with the inputs, by field; empty when they can be analysed. */
export function analyzerProblems(input: AnalyzerInput): AnalyzerProblems {
  const problems: AnalyzerProblems = {};
  if (!isAmount(input.arv)) problems.arv = "ARV must be a non-negative amount";
  if (!isAmount(input.repairs)) problems.repairs = "Repairs must be a non-negative amount";
  if (typeof input.offerRule !== "number" || !Number.isFinite(input.offerRule) || input.offerRule < 1 || input.offerRule > 100) problems.offer_rule = "Offer rule must be 1 to 100 percent";
  if (!isAmount(input.assignmentFee)) problems.assignment_fee = "Assignment fee must be a non-negative amount";
  if (input.contractPrice != null && !isAmount(input.contractPrice)) problems.contract_price = "Contract price must be a non-negative amount";
  return problems;
}

/**
 * MAO = ARV × rule − repairs, rounded to whole dollars; the offer to the seller leaves room for
 * our fee; the spread is what a cash buyer would pay over our contract price. Throws on inputs
 * analyzerProblems refuses.
 */
export function analyzeDeal(input: AnalyzerInput): AnalyzerResult {
  const problems = analyzerProblems(input);
  const first = Object.values(problems)[0];
  if (first) throw new RangeError(first);
  // Percent arithmetic in integers (ARV × rule / 100) so 70% of 100,000 is exactly 70,000.
  const mao = Math.round((input.arv * input.offerRule) / 100) - Math.round(input.repairs);
  const offerToSeller = mao - Math.round(input.assignmentFee);
  const spread = input.contractPrice == null ? null : mao - Math.round(input.contractPrice);
  const spreadAfterFee = spread === null ? null : spread - Math.round(input.assignmentFee);
  return { mao, offerToSeller, spread, spreadAfterFee, feeFits: spreadAfterFee === null ? offerToSeller >= 0 : spreadAfterFee >= 0 };
}
