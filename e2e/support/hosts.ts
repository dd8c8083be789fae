// Addresses of the app under test: the root host and each tenant host on the e2e port.
const port = Number(process.env.E2E_PORT ?? 3100);

export const ROOT_HOST = `localhost:${port}`;
export const ROOT_URL = `http://${ROOT_HOST}`;
/** For requests from the test process itself (Node does not resolve `*.localhost`): set the Host header. */
export const LOOPBACK_URL = `http://127.0.0.1:${port}`;

/** `acme` → `acme.localhost:<port>`; a full host is returned as is. */
export function tenantHost(subdomainOrHost: string): string {
  return subdomainOrHost.includes(".") ? subdomainOrHost : `${subdomainOrHost}.localhost:${port}`;
}

export function tenantUrl(subdomainOrHost: string, path = "/"): string {
  return `http://${tenantHost(subdomainOrHost)}${path}`;
}
