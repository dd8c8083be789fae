// Every module's list read model, registered when this file is loaded (by the worker, whose
// `read-models` queue builds them by name). A module adds its read model file here
// (see docs/events-and-read-models.md, "Adding a resource").
import "server-only";
import "@/lib/leads/list/index/lead-read-model";
import "@/lib/communications/conversations/conversation-read-model";
import "@/lib/buyers/list/index/buyer-read-model";
import "@/lib/deals/list/index/deal-read-model";
import "@/lib/deals/dashboard/buyer-contacts";
