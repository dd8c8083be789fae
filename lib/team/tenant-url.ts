import { appDomain } from "@/lib/core/env";

/**
 * The public address of a company's workspace: its subdomain under APP_DOMAIN. Plain http for
 * local hosts (`*.localhost`), https everywhere else.
 */
export function tenantBaseUrl(subdomain: string): string {
  const root = appDomain();
  const local = /^(localhost|127\.0\.0\.1)(:\d+)?$/.test(root) || root.endsWith(".localhost") || /\.localhost:\d+$/.test(root);
  return `${local ? "http" : "https"}://${subdomain}.${root}`;
}
