// A module fetched the first time it is needed, readable during render: the
// server loads it when it starts (its pages never wait for it); in the browser
// reading it before it arrived suspends to the nearest <Suspense>, which keeps
// the server's HTML in place meanwhile.
import { use } from "react";

// React's use() returns at once for a promise marked fulfilled this way, so a
// render after the module arrived does not suspend, and every render calls
// use() alike (React requires that of a component that once suspended on it).
export function onDemand<M>(load: () => Promise<M>) {
  let loading: Promise<M> | undefined;
  const fetchIt = (): Promise<M> =>
    (loading ??= load().then((module) => {
      Object.assign(loading!, { status: "fulfilled", value: module });
      return module;
    }));
  if (import.meta.env.SSR) void fetchIt();
  return {
    /** Starts fetching it (e.g. while the browser is idle). */
    load: fetchIt,
    /** The module, during render. */
    read: (): M => use(fetchIt()),
  };
}
