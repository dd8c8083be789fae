import { readModelSubscriber } from "@/lib/core/read-models/subscriber";
import { leadReadModel } from "./lead-read-model";

// The lead list index follows every change to leads, whoever made it. Inline: the person who
// changed a lead sees the change in the list at once.
readModelSubscriber(leadReadModel, { name: "lead-list-index" });
