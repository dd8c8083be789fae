// Runtime configuration, read when used (never inlined at build time).

const DEFAULT_DB = "dealcycle";

export function mongodbUri(): string {
  return process.env.MONGODB_URI ?? "mongodb://127.0.0.1:27027/dealcycle";
}

/** Database name: the URI's path when it names one, else `dealcycle`. */
export function mongodbDbName(uri = mongodbUri()): string {
  const path = uri.replace(/^mongodb(\+srv)?:\/\/[^/]*/, "").replace(/^\//, "").split("?")[0];
  return path || DEFAULT_DB;
}

export function redisUrl(): string {
  return process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
}

/** The root host of the app: tenants live at `{subdomain}.{APP_DOMAIN}`. */
export function appDomain(): string {
  return (process.env.APP_DOMAIN ?? "localhost:3000").toLowerCase();
}

export function appVersion(): string {
  return process.env.npm_package_version ?? process.env.APP_VERSION ?? "0.1.0";
}
