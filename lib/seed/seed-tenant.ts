// Generates and writes one demo company: people, leads with their conversations, buyers, deals,
// and the summaries (tags, templates, workflows, analytics) that count them.
import { Activity, Analytics, Buyer, Communication, Conversation, Deal, Lead, Setting, StoredFile, Tag, Template, Tenant, User, Workflow } from "@/models";
import { GridFsChunk, GridFsFile } from "@/lib/storage/gridfs-layout";
import type { Types } from "mongoose";
import { buildBuyer } from "./build/buyer";
import { summariseBuyers } from "./build/buyer-stats";
import { buildSettings, buildTenant, buildUsers } from "./build/company";
import { tellLearnedBuyBoxStory } from "./build/learned-box-story";
import { buildDeal } from "./build/deal";
import { buildLead, type LeadSummary } from "./build/lead";
import { prepareTemplates, prepareWorkflows, templateDocs, workflowDocs, type WorkflowRuns } from "./build/automation";
import { DailyRollups, tagDocs } from "./build/rollups";
import type { Doc, TenantSeedContext } from "./context";
import { ACME_CITIES, GLOBEX_CITIES } from "./data/places";
import { DEMO_TENANTS, type DemoTenantKey } from "./demo-users";
import { idFactory, type IdFactory } from "./ids";
import { PLAN_DEFAULTS } from "@/lib/tenants/plans";
import { BUYER_COUNTS, DEAL_COUNTS, LEAD_COUNTS, SEED } from "./seed-constants";
import { writeAll, type SinkFactory } from "./write";
import { ConversationTally } from "./build/conversations";
import type { ContactFacts } from "@/lib/communications/conversations/conversation-fields";

export type SeedCounts = Record<string, number>;

export type SeedOptions = { base: Date; passwordHash: string; large: boolean };

export async function seedTenant(key: DemoTenantKey, { base, passwordHash, large }: SeedOptions, sinks: SinkFactory): Promise<SeedCounts> {
  const insertAll = (model: Parameters<SinkFactory>[0], docs: Doc[]) => writeAll(sinks, model, docs);
  const factories = new Map<string, IdFactory>();
  const id = (collection: string) => {
    if (!factories.has(collection)) factories.set(collection, idFactory(`${SEED}:${key}:${collection}`));
    return factories.get(collection)!;
  };
  const spec = DEMO_TENANTS.find((t) => t.key === key)!;
  const tenant = buildTenant(key, base, id("tenants"));
  // The tenant goes first: its unique subdomain is what stops two processes seeding at once.
  await insertAll(Tenant, [tenant]);
  const phones = new Set<string>();
  const { docs: userDocs, users } = buildUsers({ key, tenantId: tenant._id, base, phones }, passwordHash, id("users"));
  const admin = users.find((u) => u.role === "admin")!;
  const ctx: TenantSeedContext = {
    key,
    tenantId: tenant._id,
    companyName: spec.name,
    base,
    cities: key === "acme" ? ACME_CITIES : GLOBEX_CITIES,
    plan: PLAN_DEFAULTS[spec.plan],
    users: { all: users, admin, reps: users.filter((u) => u.role === "acquisition_rep"), dispo: users.find((u) => u.role === "disposition_manager") ?? admin },
    templates: prepareTemplates(key, base, id("templates")),
    phones,
    addresses: new Set(),
    id,
  };
  const workflows = prepareWorkflows(ctx, id("workflows"));
  // Buyers before leads, so lead i is the same in the normal and the large data set.
  const buyers = Array.from({ length: BUYER_COUNTS[key] }, (_, i) => buildBuyer(ctx, i));

  const leadsOut = sinks(Lead);
  const commsOut = sinks(Communication);
  const activitiesOut = sinks(Activity);
  const rollups = new DailyRollups(base);
  const tagUsage = new Map<string, number>();
  const inbox = new ConversationTally();
  const runs: WorkflowRuns = { total: 0, failed: 0, totalSeconds: 0 };
  const dealLeads: LeadSummary[] = [];
  const countSent = (comms: Doc[]) => {
    for (const c of comms) {
      if (c.direction === "outbound" && c.status !== "scheduled") rollups.add("communications_sent", "count", c.sent_at as Date, 1, { user_id: c.sender_id as Types.ObjectId });
    }
  };

  const { normal, large: largeCount } = LEAD_COUNTS[key];
  const total = large ? largeCount : normal;
  for (let i = 0; i < total; i++) {
    const built = buildLead(ctx, i, i < normal, workflows.speedToLead);
    const lead = built.lead;
    for (const tag of lead.tags as string[]) tagUsage.set(tag, (tagUsage.get(tag) ?? 0) + 1);
    rollups.add("leads_created", "count", lead.created_at as Date, 1, { lead_source: lead.source as string });
    countSent(built.comms);
    inbox.add(built.comms, lead as ContactFacts);
    if (built.autoSms) {
      runs.total += 1;
      if (built.autoSms.failed) runs.failed += 1;
      runs.totalSeconds += (built.autoSms.at.getTime() - built.summary.created.getTime()) / 1000;
      if (!runs.last || built.autoSms.at > runs.last) runs.last = built.autoSms.at;
    }
    if (i < normal && ["closed", "under_contract", "lost"].includes(built.summary.status)) dealLeads.push(built.summary);
    leadsOut.push(lead);
    commsOut.push(...built.comms);
    activitiesOut.push(...built.activities);
    if (leadsOut.full) await leadsOut.flush();
    if (commsOut.full) await commsOut.flush();
    if (activitiesOut.full) await activitiesOut.flush();
  }

  // Every closed or under-contract lead has its deal; cancelled ones (on lost leads) fill up to the target.
  const open = dealLeads.filter((l) => l.status !== "lost");
  const lost = dealLeads.filter((l) => l.status === "lost");
  const chosen = [...open, ...lost.slice(0, Math.max(0, DEAL_COUNTS[key] - open.length))];
  const deals = chosen.map((l) => buildDeal(ctx, l, buyers));
  tellLearnedBuyBoxStory(ctx, buyers, deals);
  const buyersById = new Map(buyers.map((b) => [String(b.doc._id), b.doc]));
  for (const d of deals) {
    countSent(d.comms);
    for (const c of d.comms) {
      const buyer = buyersById.get(String(c.recipient_id))!;
      inbox.add([c], { name: buyer.name as string, phone: buyer.phone as string });
    }
    commsOut.push(...d.comms);
    activitiesOut.push(...d.activities);
    if (d.closedOn) {
      rollups.add("deals_closed", "count", d.closedOn, 1);
      if (d.profit !== undefined) rollups.add("deal_profit", "currency", d.closedOn, d.profit);
    }
  }
  summariseBuyers(buyers.map((b) => b.doc), deals.map((d) => d.deal), deals.flatMap((d) => d.comms));

  const counts: SeedCounts = {
    tenants: 1,
    users: await insertAll(User, userDocs),
    leads: await leadsOut.close(),
    buyers: await insertAll(Buyer, buyers.map((b) => b.doc)),
    deals: await insertAll(Deal, deals.map((d) => d.deal)),
    stored_files: await insertAll(StoredFile, deals.flatMap((d) => d.files.map((f) => f.record as Doc))),
    "file_blobs.files": await insertAll(GridFsFile, deals.flatMap((d) => d.files.map((f) => f.blob as Doc))),
    "file_blobs.chunks": await insertAll(GridFsChunk, deals.flatMap((d) => d.files.flatMap((f) => f.chunks as Doc[]))),
    communications: await commsOut.close(),
    conversations: await insertAll(Conversation, inbox.docs(tenant._id, id("conversations"))),
    activities: await activitiesOut.close(),
    tags: await insertAll(Tag, tagDocs(ctx, tagUsage)),
    templates: await insertAll(Template, templateDocs(ctx)),
    workflows: await insertAll(Workflow, workflowDocs(ctx, workflows.ids, runs)),
    settings: await insertAll(Setting, buildSettings(ctx, id("settings"))),
    analytics: await insertAll(Analytics, rollups.docs(ctx)),
  };
  return counts;
}
