import { isHailongError, type Logger } from "@hailong/common";
import {
  type CounterTuning,
  decode,
  type RequestAction,
  type RequestMessage,
  type ResponseMessage,
} from "@hailong/protocol";
import type { CounterPipeline } from "../pipeline/types.js";
import type { ConfigState } from "../state/config-state.js";
import { errorResponseFor } from "./invalid-request.js";
import { checkTuning } from "./tuning-checks.js";

export interface RequestHandlerDeps {
  base: string;
  pipelines: ReadonlyMap<string, CounterPipeline>;
  configState: ConfigState;
  /** Publishes a response on `…/response/{action}`; must not throw. */
  respond(action: RequestAction, response: ResponseMessage): Promise<void>;
  /** Called after an accepted config push (republishes `info`). */
  onConfigChanged(): Promise<void>;
  logger: Logger;
  now?: () => number;
}

export interface RequestStats {
  handled: number;
  quarantined: number;
  /** Requests whose txId was already answered (QoS 1 redelivery); answered again, not re-applied. */
  duplicates: number;
}

/** How many recent transactions are remembered for answering redeliveries. */
const RECENT_TRANSACTIONS = 64;

export interface RequestHandler {
  /** Handles one MQTT message from the request topics. Never throws. */
  handle(topic: string, payload: Uint8Array): Promise<void>;
  stats(): RequestStats;
}

type ErrorBody = { code: string; message: string };
type Outcome = { ok: true; result: unknown } | { ok: false; error: ErrorBody };

/** What the handler's steps share: its deps, its counts, recent answers and the config-push queue. */
interface HandlerState {
  deps: RequestHandlerDeps;
  log: Logger;
  now: () => number;
  stats: RequestStats;
  recent: Map<string, Promise<ResponseMessage>>;
  // Config pushes are applied one at a time, in arrival order.
  configChain: Promise<unknown>;
}

async function configPush(h: HandlerState, counterId: string, tuning: CounterTuning): Promise<Outcome> {
  const { deps, log } = h;
  const pipeline = deps.pipelines.get(counterId);
  if (pipeline === undefined) return configError(`counterId: unknown counter "${counterId}"`);
  const check = checkTuning(tuning);
  if (!check.ok) return configError(`${check.path}: ${check.message}`);
  const before = deps.configState.current().config.counters.find((c) => c.id === counterId)?.tuning;
  try {
    pipeline.applyTuning(tuning);
  } catch (error) {
    log.error({ counterId, err: error }, "pipeline rejected tuning");
    if (before !== undefined) pipeline.applyTuning(before);
    return failure(error);
  }
  let running: Awaited<ReturnType<ConfigState["push"]>>;
  try {
    running = await deps.configState.push(counterId, tuning, h.now());
  } catch (error) {
    // Not persisted means not accepted: put the running tuning back so config and disk agree.
    if (before !== undefined) pipeline.applyTuning(before);
    log.error({ counterId, err: error }, "remote config not persisted");
    return { ok: false, error: { code: "HAILONG_ERR_STORAGE", message: `cannot persist config: ${String(error)}` } };
  }
  log.info({ counterId, configVersion: running.configVersion }, "remote config applied");
  await deps.onConfigChanged();
  return { ok: true, result: { counterId, configVersion: running.configVersion, configHash: running.configHash } };
}

async function execute(h: HandlerState, request: RequestMessage): Promise<Outcome> {
  const { pipelines, configState } = h.deps;
  switch (request.action) {
    case "config-push": {
      const outcome = h.configChain.then(() => configPush(h, request.counterId, request.tuning));
      h.configChain = outcome.catch(() => undefined);
      return outcome;
    }
    case "snapshot": {
      const pipeline = pipelines.get(request.counterId);
      if (pipeline === undefined) return configError(`counterId: unknown counter "${request.counterId}"`);
      return { ok: true, result: await pipeline.snapshot({ showFaces: request.showFaces }) };
    }
    case "stats": {
      const selected =
        request.counterId === undefined
          ? [...pipelines.values()]
          : [pipelines.get(request.counterId)].filter((p) => p !== undefined);
      if (selected.length === 0) return configError(`counterId: unknown counter "${request.counterId}"`);
      const configVersion = configState.current().configVersion;
      return { ok: true, result: { counters: selected.map((p) => ({ ...p.stats(), configVersion })) } };
    }
  }
}

async function answer(h: HandlerState, request: RequestMessage): Promise<ResponseMessage> {
  let outcome: Outcome;
  try {
    outcome = await execute(h, request);
  } catch (error) {
    h.log.error({ action: request.action, txId: request.txId, err: error }, "request failed");
    outcome = failure(error);
  }
  const base = { v: 1 as const, txId: request.txId, ts: h.now(), action: request.action };
  return (
    outcome.ok ? { ...base, ok: true, result: outcome.result } : { ...base, ok: false, error: outcome.error }
  ) as ResponseMessage;
}

/** Counts and logs a message that is not a valid request, and answers it when its topic names an action. */
async function quarantine(
  h: HandlerState,
  topic: string,
  payload: Uint8Array,
  decoded: Exclude<ReturnType<typeof decode>, { ok: true; kind: "request" }>,
): Promise<void> {
  const error = decoded.ok
    ? { code: "unexpected_kind" as const, message: `${decoded.kind} on a request topic` }
    : decoded.error;
  h.stats.quarantined += 1;
  h.log.warn({ topic, bytes: payload.byteLength, code: error.code, reason: error.message }, "request quarantined");
  if (!decoded.ok) {
    const reply = errorResponseFor(topic, payload, decoded.error, h.deps.base, h.now());
    if (reply !== undefined) await h.deps.respond(reply.action, reply.response);
  }
}

async function handle(h: HandlerState, topic: string, payload: Uint8Array): Promise<void> {
  const decoded = decode(topic, payload, { base: h.deps.base });
  if (!decoded.ok || decoded.kind !== "request") {
    await quarantine(h, topic, payload, decoded);
    return;
  }
  const request = decoded.message;
  // QoS 1 may redeliver a request: answer a repeated txId again without re-applying it.
  const key = `${request.action}/${request.txId}`;
  let response = h.recent.get(key);
  if (response === undefined) {
    h.stats.handled += 1;
    response = answer(h, request);
    h.recent.set(key, response);
    if (h.recent.size > RECENT_TRANSACTIONS) h.recent.delete(h.recent.keys().next().value as string);
  } else {
    h.stats.duplicates += 1;
    h.log.info({ action: request.action, txId: request.txId }, "repeated request answered again");
  }
  await h.deps.respond(request.action, await response);
}

export function createRequestHandler(deps: RequestHandlerDeps): RequestHandler {
  const h: HandlerState = {
    deps,
    log: deps.logger,
    now: deps.now ?? Date.now,
    stats: { handled: 0, quarantined: 0, duplicates: 0 },
    recent: new Map(),
    configChain: Promise.resolve(),
  };
  return {
    handle: (topic, payload) => handle(h, topic, payload),
    stats: () => ({ ...h.stats }),
  };
}

function configError(message: string): Outcome {
  return { ok: false, error: { code: "HAILONG_ERR_CONFIG", message } };
}

function failure(error: unknown): Outcome {
  const code = isHailongError(error) ? error.code : "HAILONG_ERR_INTERNAL";
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, error: { code, message: message.slice(0, 2000) } };
}
