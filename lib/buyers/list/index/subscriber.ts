import { readModelSubscriber } from "@/lib/core/read-models/subscriber";
import { buyerReadModel } from "./buyer-read-model";

// The buyer list's rows follow every change to buyers, whoever made it (contact counters and deal
// closings write the buyer too, so they arrive as buyer events). Inline: the person who changed a
// buyer sees it in the list at once.
readModelSubscriber(buyerReadModel, { name: "buyer-list-index" });
