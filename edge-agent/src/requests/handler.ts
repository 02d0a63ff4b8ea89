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

export function createRequestHandler(deps: RequestHandlerDeps): RequestHandler {
  const log = deps.logger;
  const now = deps.now ?? Date.now;
  let handled = 0;
  let quarantined = 0;
  let duplicates = 0;
  const recent = new Map<string, Promise<ResponseMessage>>();
  // Config pushes are applied one at a time, in arrival order.
  let configChain: Promise<unknown> = Promise.resolve();

  const configPush = async (counterId: string, tuning: CounterTuning): Promise<Outcome> => {
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
      running = await deps.configState.push(counterId, tuning, now());
    } catch (error) {
      // Not persisted means not accepted: put the running tuning back so config and disk agree.
      if (before !== undefined) pipeline.applyTuning(before);
      log.error({ counterId, err: error }, "remote config not persisted");
      return { ok: false, error: { code: "HAILONG_ERR_STORAGE", message: `cannot persist config: ${String(error)}` } };
    }
    log.info({ counterId, configVersion: running.configVersion }, "remote config applied");
    await deps.onConfigChanged();
    return { ok: true, result: { counterId, configVersion: running.configVersion, configHash: running.configHash } };
  };

  const execute = async (request: RequestMessage): Promise<Outcome> => {
    switch (request.action) {
      case "config-push": {
        const outcome = configChain.then(() => configPush(request.counterId, request.tuning));
        configChain = outcome.catch(() => undefined);
        return outcome;
      }
      case "snapshot": {
        const pipeline = deps.pipelines.get(request.counterId);
        if (pipeline === undefined) return configError(`counterId: unknown counter "${request.counterId}"`);
        return { ok: true, result: await pipeline.snapshot({ showFaces: request.showFaces }) };
      }
      case "stats": {
        const selected =
          request.counterId === undefined
            ? [...deps.pipelines.values()]
            : [deps.pipelines.get(request.counterId)].filter((p) => p !== undefined);
        if (selected.length === 0) return configError(`counterId: unknown counter "${request.counterId}"`);
        const configVersion = deps.configState.current().configVersion;
        return { ok: true, result: { counters: selected.map((p) => ({ ...p.stats(), configVersion })) } };
      }
    }
  };

  const answer = async (request: RequestMessage): Promise<ResponseMessage> => {
    let outcome: Outcome;
    try {
      outcome = await execute(request);
    } catch (error) {
      log.error({ action: request.action, txId: request.txId, err: error }, "request failed");
      outcome = failure(error);
    }
    const base = { v: 1 as const, txId: request.txId, ts: now(), action: request.action };
    return (
      outcome.ok ? { ...base, ok: true, result: outcome.result } : { ...base, ok: false, error: outcome.error }
    ) as ResponseMessage;
  };

  const quarantine = (topic: string, payload: Uint8Array, error: { code: string; message: string }): void => {
    quarantined += 1;
    log.warn({ topic, bytes: payload.byteLength, code: error.code, reason: error.message }, "request quarantined");
  };

  return {
    async handle(topic, payload) {
      const decoded = decode(topic, payload, { base: deps.base });
      if (!decoded.ok || decoded.kind !== "request") {
        const error = decoded.ok
          ? { code: "unexpected_kind" as const, message: `${decoded.kind} on a request topic` }
          : decoded.error;
        quarantine(topic, payload, error);
        if (!decoded.ok) {
          const answer = errorResponseFor(topic, payload, decoded.error, deps.base, now());
          if (answer !== undefined) await deps.respond(answer.action, answer.response);
        }
        return;
      }
      const request = decoded.message;
      // QoS 1 may redeliver a request: answer a repeated txId again without re-applying it.
      const key = `${request.action}/${request.txId}`;
      let response = recent.get(key);
      if (response === undefined) {
        handled += 1;
        response = answer(request);
        recent.set(key, response);
        if (recent.size > RECENT_TRANSACTIONS) recent.delete(recent.keys().next().value as string);
      } else {
        duplicates += 1;
        log.info({ action: request.action, txId: request.txId }, "repeated request answered again");
      }
      await deps.respond(request.action, await response);
    },
    stats: () => ({ handled, quarantined, duplicates }),
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
