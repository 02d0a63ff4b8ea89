import { useState } from "preact/hooks";
import type { ApiRequestError } from "../api/http.js";
import { asApiError } from "../ui/use-async.js";

export interface BusyAction<A extends string> {
  /** the action under way, if any: the panel's buttons wait for it */
  busy: A | null;
  /** the last action's failure, until the next action starts */
  error: { action: A; error: ApiRequestError } | null;
  /** Runs `call` as `action`, hands its answer to `done`, and keeps its failure in `error`. */
  run: <T>(action: A, call: () => Promise<T>, done: (value: T) => void) => Promise<void>;
}

/** One API action at a time, with the action's name beside its failure so each card shows only its own. */
export function useBusyAction<A extends string>(): BusyAction<A> {
  const [busy, setBusy] = useState<A | null>(null);
  const [error, setError] = useState<BusyAction<A>["error"]>(null);
  const run = async <T>(action: A, call: () => Promise<T>, done: (value: T) => void) => {
    setBusy(action);
    setError(null);
    try {
      done(await call());
    } catch (failure) {
      setError({ action, error: asApiError(failure) });
    } finally {
      setBusy(null);
    }
  };
  return { busy, error, run };
}
