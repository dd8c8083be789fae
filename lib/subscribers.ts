// Every module's event subscribers, registered when this file is loaded (by the data layer on the
// first change it announces, and by the worker at start). A module adds its subscriber file here.
import "server-only";
import "@/lib/leads/list/index/subscriber";
import "@/lib/buyers/list/index/subscriber";
import "@/lib/communications/conversations/subscriber";
import "@/lib/matching/subscriber";
import "@/lib/activities/subscriber";
import "@/lib/tags/usage-subscriber";
import "@/lib/contact-counters/subscriber";
import "@/lib/deals/list/index/subscriber";
import "@/lib/deals/dashboard/subscriber";
