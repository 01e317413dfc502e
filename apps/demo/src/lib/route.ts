/** A tiny hash router: #/ (gallery), #/connect/<key>, #/spec. */
import { useEffect, useState } from "react";

export type Route = { page: "gallery" } | { page: "connect"; key: string } | { page: "spec" };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, "") || "/";
  const connect = /^\/connect\/([\w-]+)/.exec(path);
  if (connect) return { page: "connect", key: connect[1]! };
  if (path.startsWith("/spec")) return { page: "spec" };
  return { page: "gallery" };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}
