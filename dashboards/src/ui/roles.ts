import type { Role } from "@hailong/protocol";
import type { Route } from "./route.js";

/** Which pages a role sees in the menu; the hub enforces the real permissions on every call. */
export function pagesFor(role: Role): Route[] {
  switch (role) {
    case "installer":
      return ["installer", "guide"];
    case "admin":
      return ["supervisor", "installer", "roster", "guide"];
    case "centre_leader":
      return ["supervisor", "roster", "guide"];
    case "official":
      // A cán bộ sees their own figures and nothing of the centre's.
      return ["mine"];
    default:
      return ["supervisor", "guide"];
  }
}

export function homeFor(role: Role): Route {
  return pagesFor(role)[0]!;
}
