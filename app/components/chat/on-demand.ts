// A module fetched the first time it is needed, readable during render: the
// server loads it when it starts (its pages never wait for it); in the browser
// reading it before it arrived suspends to the nearest <Suspense>, which keeps
// the server's HTML in place meanwhile.
import { use } from "react";

export function onDemand<M>(load: () => Promise<M>) {
  let loaded: M | undefined;
  let loading: Promise<M> | undefined;
  const fetchIt = () => (loading ??= load().then((module) => (loaded = module)));
  if (import.meta.env.SSR) void fetchIt();
  return {
    /** Starts fetching it (e.g. while the browser is idle). */
    load: fetchIt,
    /** The module, during render. */
    read: (): M => loaded ?? use(fetchIt()),
  };
}
