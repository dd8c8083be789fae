// Tags and analytics are summaries of the other collections; they are counted while the leads,
// messages and deals are generated, then written once, so they always agree with the data.
import type { Types } from "mongoose";
import { addMs, DAY, utcDay } from "../clock";
import type { Doc, TenantSeedContext } from "../context";
import { LEAD_TAG_SEEDS } from "../data/tags";

export function tagDocs(ctx: TenantSeedContext, usage: Map<string, number>): Doc[] {
  const at = addMs(ctx.base, -300 * DAY);
  return LEAD_TAG_SEEDS.map((t) => ({
    _id: ctx.id("tags")(at),
    tenant_id: ctx.tenantId,
    name: t.name,
    color: t.color,
    description: t.description,
    category: "lead_tags",
    is_system: t.is_system ?? false,
    usage_count: usage.get(t.name) ?? 0,
    created_at: at,
    updated_at: at,
  }));
}

type Metric = { name: string; unit: "count" | "currency"; day: number; value: number; user_id?: Types.ObjectId; lead_source?: string };

/** Daily roll-ups, as the nightly analytics job would write them, for the last `days` days. */
export class DailyRollups {
  private metrics = new Map<string, Metric>();
  constructor(private base: Date, private days = 90) {}

  add(name: string, unit: Metric["unit"], at: Date, value: number, dims: { user_id?: Types.ObjectId; lead_source?: string } = {}) {
    const day = utcDay(at).getTime();
    if (day < this.base.getTime() - this.days * DAY || day >= this.base.getTime()) return;
    const key = `${name}|${day}|${dims.user_id?.toHexString() ?? ""}|${dims.lead_source ?? ""}`;
    const m = this.metrics.get(key) ?? { name, unit, day, value: 0, ...dims };
    m.value += value;
    this.metrics.set(key, m);
  }

  docs(ctx: TenantSeedContext): Doc[] {
    return [...this.metrics.values()]
      .sort((a, b) => a.day - b.day || a.name.localeCompare(b.name))
      .map((m) => {
        // Written by the job that runs just after the day ends.
        const recorded = new Date(m.day + DAY);
        return {
          _id: ctx.id("analytics")(recorded),
          tenant_id: ctx.tenantId,
          metric_name: m.name,
          metric_value: m.value,
          metric_unit: m.unit,
          dimensions: { user_id: m.user_id, lead_source: m.lead_source, date: new Date(m.day) },
          recorded_at: recorded,
          aggregation_period: "daily",
          created_at: recorded,
        };
      });
  }
}
