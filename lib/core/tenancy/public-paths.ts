/**
 * Tenant pages anyone may open without a session (they check what they need themselves): the
 * invitation page. Everything else on a tenant host needs a signed-in member.
 */
export const PUBLIC_TENANT_PATHS = ["/invite"] as const;

export function isPublicTenantPath(path: string): boolean {
  const pathname = path.split("?")[0] ?? "";
  return PUBLIC_TENANT_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}
