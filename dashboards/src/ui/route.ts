import { useEffect, useState } from "preact/hooks";

export const ROUTES = ["login", "supervisor", "installer", "roster", "mine", "guide", "notice-sign"] as const;
export type Route = (typeof ROUTES)[number];

/** Pages anyone may open without signing in (the guide a technician follows, the sign they print). */
export const PUBLIC_ROUTES: readonly Route[] = ["guide", "notice-sign"];
export const isPublicRoute = (route: Route | undefined) => route !== undefined && PUBLIC_ROUTES.includes(route);

/** Hash routes ("#/installer") work behind any static server and survive the hub's SPA fallback. */
export function parseRoute(hash: string): Route | undefined {
  const name = hash.replace(/^#\/?/, "").split(/[/?]/)[0];
  return (ROUTES as readonly string[]).includes(name ?? "") ? (name as Route) : undefined;
}

export function navigate(route: Route): void {
  window.location.hash = `#/${route}`;
}

export function useRoute(): Route | undefined {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}
