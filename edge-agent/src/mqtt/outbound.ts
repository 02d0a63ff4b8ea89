import { encode, type Topics } from "@hailong/protocol";
import type { OutboxEntry, OutboxStats } from "../outbox/sqlite-outbox.js";
import type { OutboundEvent } from "../pipeline/types.js";

/**
 * Turns a pipeline event into the outbox row that carries it. Health events get the outbox's own
 * figures (the pipeline cannot know them). Throws when the event violates the wire schema: a
 * programmer error in the pipeline, which the caller counts and logs.
 */
export function toOutboxEntry(event: OutboundEvent, topics: Topics, outbox: OutboxStats): OutboxEntry {
  const topic = topics.counter(event.message.counterId, event.kind);
  switch (event.kind) {
    case "visit":
      return { topic, kind: event.kind, payload: encode("visit", event.message) };
    case "incident":
      return { topic, kind: event.kind, payload: encode("incident", event.message) };
    case "score":
      return { topic, kind: event.kind, payload: encode("score", event.message) };
    case "health":
      return {
        topic,
        kind: event.kind,
        payload: encode("health", { ...event.message, outboxPending: outbox.pending, outboxDropped: outbox.dropped }),
      };
  }
}
