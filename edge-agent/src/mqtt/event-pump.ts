import type { Logger } from "@hailong/common";
import type { Topics } from "@hailong/protocol";
import type { Outbox } from "../outbox/sqlite-outbox.js";
import type { CounterPipeline } from "../pipeline/types.js";
import type { Forwarder } from "./forwarder.js";
import { toOutboxEntry } from "./outbound.js";

/**
 * Moves one pipeline's events into the outbox and nudges the forwarder, until the pipeline ends. An event that
 * violates the wire schema is counted through `onInvalid` and skipped; a full outbox evicts by policy.
 */
export async function pumpEvents(deps: {
  pipeline: CounterPipeline;
  outbox: Outbox;
  forwarder: Forwarder;
  topics: Topics;
  log: Logger;
  now: () => number;
  onInvalid: () => void;
}): Promise<void> {
  const { pipeline, outbox, forwarder, log } = deps;
  for await (const event of pipeline.events()) {
    let entry: ReturnType<typeof toOutboxEntry>;
    try {
      entry = toOutboxEntry(event, deps.topics, outbox.stats());
    } catch (error) {
      deps.onInvalid();
      log.error({ counterId: pipeline.counterId, kind: event.kind, err: error }, "pipeline event violates the schema");
      continue;
    }
    const { evicted } = outbox.append(entry, forwarder.protectedUpTo(), deps.now());
    if (Object.keys(evicted).length > 0) log.warn({ evicted, ...outbox.stats() }, "outbox quota reached; dropped");
    forwarder.kick();
  }
}
