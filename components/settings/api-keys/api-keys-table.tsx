import { RowAction } from "@/components/team/row-action";
import type { ApiKeyView } from "@/lib/api-keys/manage-api-keys";
import type { ActionResult } from "@/lib/core/errors-response";

type Action = (prev: unknown, form: FormData) => Promise<ActionResult<{ message: string }>>;

const fmt = (iso: string | null) => (iso ? new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC" : "Never");

export function ApiKeysTable({ keys, revoke }: { keys: ApiKeyView[]; revoke: Action }) {
  if (!keys.length) return <p className="text-sm text-slate-600 dark:text-slate-400">No API keys yet. Create one above for each app that calls the API.</p>;
  return (
    <div className="relative overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
        <caption className="sr-only">API keys of this workspace</caption>
        <thead>
          <tr className="text-left text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">
            <th scope="col" className="py-2 pr-4 font-medium">Name</th>
            <th scope="col" className="py-2 pr-4 font-medium">Key</th>
            <th scope="col" className="py-2 pr-4 font-medium">Permissions</th>
            <th scope="col" className="py-2 pr-4 font-medium">Created</th>
            <th scope="col" className="py-2 pr-4 font-medium">Last used</th>
            <th scope="col" className="py-2 font-medium">Status</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {keys.map((k) => (
            <tr key={k.id} data-testid="api-key-row" data-name={k.name} className="align-top">
              <td className="py-3 pr-4 font-medium">{k.name}</td>
              <td className="py-3 pr-4">
                <code className="whitespace-nowrap text-xs">{k.prefix}…</code>
              </td>
              <td className="py-3 pr-4">
                <ul className="space-y-0.5">
                  {k.scopes.map((s) => (
                    <li key={s}>
                      <code className="text-xs">{s}</code>
                    </li>
                  ))}
                </ul>
              </td>
              <td className="whitespace-nowrap py-3 pr-4">
                {fmt(k.createdAt)}
                {k.createdBy && <div className="text-xs text-slate-600 dark:text-slate-400">by {k.createdBy}</div>}
              </td>
              <td className="whitespace-nowrap py-3 pr-4">{fmt(k.lastUsedAt)}</td>
              {/* Announced when a revoke turns the button into the date. */}
              <td className="py-3" aria-live="polite">
                {k.revokedAt ? (
                  <span className="whitespace-nowrap">Revoked {fmt(k.revokedAt)}</span>
                ) : (
                  <RowAction action={revoke} fields={{ keyId: k.id }} label={`Revoke the key ${k.name}`} confirm={`Revoke ${k.name}? Apps using it stop working at once.`} danger>
                    Revoke
                  </RowAction>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
