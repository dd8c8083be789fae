import "server-only";
import { ROLE_LABELS } from "@/lib/team/roles";
import { findAccountsByEmail } from "./memberships";
import type { RootClaims } from "@/lib/core/session/session-claims";

export type WorkspaceEntry = { tenantId: string; name: string; subdomain: string; roleLabel: string; status: string };

/** The workspaces a root session opened that still hold (active member, same session version). */
export async function listWorkspaces(session: RootClaims): Promise<WorkspaceEntry[]> {
  const accounts = await findAccountsByEmail(session.email);
  return accounts
    .filter((a) => a.isActive && session.m.some((m) => m.t === a.tenantId && m.u === a.userId && m.v === a.sessionVersion))
    .map((a) => ({ tenantId: a.tenantId, name: a.tenantName, subdomain: a.subdomain, roleLabel: ROLE_LABELS[a.role], status: a.tenantStatus }))
    .sort((x, y) => x.name.localeCompare(y.name));
}
