import { EventEmitter } from "node:events";
import type { LiveEvent } from "@hailong/protocol";
import type { LiveEventBus } from "../http/ports.js";

/** In-process fan-out of live events to SSE streams. */
export function createLiveEventBus(): LiveEventBus & { listenerCount(): number } {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish: (event) => {
      emitter.emit("event", event);
    },
    subscribe: (listener: (event: LiveEvent) => void) => {
      emitter.on("event", listener);
      return () => emitter.off("event", listener);
    },
    listenerCount: () => emitter.listenerCount("event"),
  };
}
