// The composition root of event subscribers: loaded lazily by the data layer and the worker (a
// static import from the models would be a cycle: the subscribers read the models).
let loaded: Promise<unknown> | undefined;

export function loadSubscribers(): Promise<unknown> {
  loaded ??= import("@/lib/subscribers");
  return loaded;
}
