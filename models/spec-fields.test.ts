import type { Model, Schema } from "mongoose";
import { describe, expect, it } from "vitest";
import { Activity, Analytics, Buyer, Communication, Deal, Lead, SchemaVersion, Setting, Tag, Template, Tenant, User, Workflow } from "@/models";

// The founding spec's collections, field by field, as `path:type` (S string, N number, D date,
// B boolean, O ObjectId, M object/mixed, [S] list of strings, [M] list of anything), and the enum
// values it lists. `{a,b}` expands to both paths.
const SPEC: { model: Model<any>; fields: string; enums?: Record<string, string[]>; updatedAt?: false }[] = [
  {
    model: Tenant,
    fields: `name:S domain:S subdomain:S subscription_plan:S subscription_status:S subscription_start_date:D subscription_end_date:D
      max_users:N max_leads:N features_enabled:[S]
      settings.{sms_enabled,call_enabled,llm_features_enabled,custom_branding,auto_tagging,ai_summaries,automation_enabled,advanced_analytics,ai_lead_scoring,ai_buyer_matching}:B
      billing_info.{contact_name,contact_email,billing_address,payment_method}:S`,
    enums: { subscription_plan: ["basic", "professional", "enterprise"], subscription_status: ["active", "suspended", "cancelled"] },
  },
  {
    model: User,
    fields: `tenant_id:O google_id:S email:S name:S first_name:S last_name:S phone:S avatar_url:S role:S permissions:[S]
      is_active:B is_verified:B last_login:D login_count:N preferences.theme:S preferences.notifications.{email,sms,push}:B
      preferences.dashboard_layout:M preferences.default_view:S`,
    enums: {
      role: ["admin", "acquisition_rep", "disposition_manager"],
      "preferences.theme": ["light", "dark", "auto"],
      "preferences.default_view": ["leads", "buyers", "dashboard"],
    },
  },
  {
    model: Lead,
    fields: `tenant_id:O name:S phone:S email:S address.{street,city,state,zip_code,county,full_address}:S property_details.type:S
      property_details.{bedrooms,bathrooms,square_feet,lot_size,year_built}:N estimated_value:N asking_price:N source:S status:S
      priority:S assigned_to:O tags:[S] notes:S communication_count:N last_contacted:D next_follow_up:D custom_fields:M ai_summary:S
      ai_tags:[S] lead_score:N qualification_probability:N automation_data.workflow_id:O automation_data.last_automation_step:S
      automation_data.automation_history.{step,result}:S automation_data.automation_history.executed_at:D`,
    enums: {
      "property_details.type": ["single_family", "multi_family", "commercial", "land"],
      status: ["new", "contacted", "under_contract", "closed", "lost"],
      priority: ["low", "medium", "high", "urgent"],
    },
  },
  {
    model: Buyer,
    fields: `tenant_id:O name:S phone:S email:S company:S website:S property_types:[S] price_range.{min,max}:N preferred_locations:[S]
      investment_criteria:S funding_type:S credit_score:S experience_level:S notes:S total_deals:N total_investment:N average_deal_size:N
      performance_metrics.{conversion_rate,average_response_time,deal_velocity,roi_percentage}:N is_active:B is_verified:B
      last_contacted:D communication_count:N custom_fields:M`,
    enums: {
      funding_type: ["cash", "conventional", "hard_money", "private_money"],
      credit_score: ["excellent", "good", "fair", "poor"],
      experience_level: ["beginner", "intermediate", "advanced"],
    },
  },
  {
    model: Communication,
    fields: `tenant_id:O type:S direction:S recipient_type:S recipient_id:O sender_id:O content:S status:S twilio_sid:S twilio_status:S
      duration:N {scheduled_at,sent_at,delivered_at,read_at}:D metadata.{device_info,location}:S metadata.cost:N`,
    enums: {
      type: ["sms", "call", "email"],
      direction: ["inbound", "outbound"],
      recipient_type: ["lead", "buyer"],
      status: ["sent", "delivered", "failed", "answered", "missed", "scheduled"],
    },
  },
  {
    model: Deal,
    fields: `tenant_id:O lead_id:O buyer_id:O assigned_to:O status:S deal_type:S
      property_address.{street,city,state,zip_code,county,full_address}:S property_details.type:S
      property_details.{bedrooms,bathrooms,square_feet,lot_size,year_built}:N
      financials.{purchase_price,sale_price,rehab_cost,closing_costs,holding_costs,profit,roi}:N
      timeline.{contract_date,closing_date,rehab_start_date,rehab_end_date,listing_date,sale_date}:D notes:S
      documents.{name,url,type}:S documents.uploaded_at:D`,
    enums: { status: ["pending", "under_contract", "closed", "cancelled"], deal_type: ["wholesale", "flip", "buy_and_hold"] },
  },
  {
    model: Activity,
    fields: `tenant_id:O user_id:O type:S entity_type:S entity_id:O description:S metadata:M ip_address:S user_agent:S`,
    enums: { entity_type: ["lead", "buyer", "deal", "communication"] },
    updatedAt: false,
  },
  {
    model: Tag,
    fields: `tenant_id:O name:S color:S description:S category:S is_system:B usage_count:N`,
    enums: { category: ["lead_tags", "buyer_tags", "deal_tags"] },
  },
  {
    model: Template,
    fields: `tenant_id:O name:S type:S category:S content:S variables:[S] is_default:B is_active:B created_by:O usage_count:N`,
    enums: { type: ["sms", "email", "call_script"] },
  },
  {
    model: Workflow,
    fields: `tenant_id:O name:S description:S status:S trigger.type:S trigger.conditions:M trigger.schedule.{frequency,time,timezone}:S
      steps.{id,type,name,next_step_id}:S steps.config:M steps.order:N steps.condition_branch.{true_step_id,false_step_id}:S
      statistics.{total_executions,successful_executions,failed_executions,average_execution_time}:N statistics.last_executed:D
      created_by:O tags:[S]`,
    enums: {
      status: ["active", "inactive", "draft"],
      "trigger.type": ["lead_created", "status_changed", "communication_sent", "scheduled"],
      "trigger.schedule.frequency": ["daily", "weekly", "monthly"],
      "steps.type": ["action", "condition", "delay"],
    },
  },
  {
    model: Analytics,
    fields: `tenant_id:O metric_name:S metric_value:N metric_unit:S dimensions.user_id:O dimensions.{lead_source,lead_status,automation_workflow}:S
      dimensions.date:D recorded_at:D aggregation_period:S`,
    enums: { metric_unit: ["count", "percentage", "currency", "time"], aggregation_period: ["daily", "hourly", "real_time"] },
    updatedAt: false,
  },
  {
    model: Setting,
    fields: `tenant_id:O category:S key:S value:M description:S is_system:B`,
  },
  { model: SchemaVersion, fields: `collection:S version:N applied_at:D changes:[M]`, updatedAt: false },
];

const TYPES: Record<string, string> = { String: "S", Number: "N", Date: "D", Boolean: "B", ObjectId: "O", Mixed: "M" };

/** The schema type at a dotted path, looking inside arrays of sub-documents. */
function schemaTypeAt(schema: Schema, path: string): any {
  const direct = schema.path(path);
  if (direct) return direct;
  const parts = path.split(".");
  for (let i = parts.length - 1; i > 0; i -= 1) {
    const sub = (schema.path(parts.slice(0, i).join(".")) as any)?.schema;
    if (sub) return schemaTypeAt(sub, parts.slice(i).join("."));
  }
  return undefined;
}

function typeCode(type: any): string {
  if (type.instance === "Array") return `[${TYPES[type.embeddedSchemaType?.instance] ?? "M"}]`;
  return TYPES[type.instance] ?? type.instance;
}

function expand(fields: string): [string, string][] {
  return fields
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((item) => {
      const [path, type] = item.split(":");
      const m = path.match(/^(.*)\{([^}]+)\}(.*)$/);
      const paths = m ? m[2].split(",").map((name) => `${m[1]}${name}${m[3]}`) : [path];
      return paths.map((p) => [p, type] as [string, string]);
    });
}

describe("models against the founding spec", () => {
  it.each(SPEC.map((s) => [s.model.collection.collectionName, s] as const))("%s has every field of the spec, with its type", (_name, spec) => {
    const actual = expand(spec.fields).map(([path]) => {
      const type = schemaTypeAt(spec.model.schema, path);
      return [path, type ? typeCode(type) : "missing"];
    });
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expand(spec.fields)));
  });

  it.each(SPEC.filter((s) => s.enums).map((s) => [s.model.collection.collectionName, s] as const))("%s accepts every enum value of the spec", (_name, spec) => {
    for (const [path, values] of Object.entries(spec.enums!)) {
      const type = schemaTypeAt(spec.model.schema, path);
      const allowed = type.enumValues ?? type.embeddedSchemaType?.enumValues;
      expect(allowed, path).toEqual(expect.arrayContaining(values));
    }
  });

  it.each(SPEC.map((s) => [s.model.collection.collectionName, s] as const))("%s keeps created_at (and updated_at unless append-only)", (_name, spec) => {
    const paths = spec.model === SchemaVersion ? ["applied_at"] : spec.updatedAt === false ? ["created_at"] : ["created_at", "updated_at"];
    for (const path of paths) expect(typeCode(spec.model.schema.path(path)), path).toBe("D");
    if (spec.updatedAt === false) expect(spec.model.schema.path("updated_at")).toBeUndefined();
  });
});
