import { HailongError } from "./errors.js";

/** Action for a subcommand whose issue has not landed yet: says so and fails, never pretends to work. */
export function notYetAvailable(what: string, issue: number): () => never {
  return () => {
    throw new HailongError("HAILONG_ERR_INTERNAL", `${what} is not available yet (tracked in issue #${issue})`);
  };
}
