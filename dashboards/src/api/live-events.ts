import { API_ROUTES, type LiveEvent, LiveEventSchema } from "@hailong/protocol";

export type StreamStatus = "connecting" | "open" | "reconnecting";

const EVENT_TYPES: readonly LiveEvent["type"][] = [
  "hello",
  "tile",
  "incident",
  "incident-ack",
  "incident-update",
  "agent",
];

export interface LiveEventHandlers {
  onEvent(event: LiveEvent): void;
  onStatus(status: StreamStatus): void;
  /** A frame that did not match the contract (shown in the console, never applied). */
  onInvalid?(type: string, detail: string): void;
}

/** Subscribes to the hub's SSE stream; EventSource reconnects by itself. Returns the unsubscribe function. */
export function subscribeLiveEvents(handlers: LiveEventHandlers, url: string = API_ROUTES.events): () => void {
  const source = new EventSource(url, { withCredentials: true });
  handlers.onStatus("connecting");
  source.onopen = () => handlers.onStatus("open");
  source.onerror = () => handlers.onStatus(source.readyState === EventSource.CLOSED ? "reconnecting" : "connecting");
  const listener = (message: MessageEvent<string>) => {
    let json: unknown;
    try {
      json = JSON.parse(message.data);
    } catch (error) {
      handlers.onInvalid?.(message.type, String(error));
      return;
    }
    const parsed = LiveEventSchema.safeParse(json);
    if (parsed.success) handlers.onEvent(parsed.data);
    else handlers.onInvalid?.(message.type, parsed.error.message);
  };
  for (const type of EVENT_TYPES) source.addEventListener(type, listener as EventListener);
  source.addEventListener("message", listener as EventListener);
  return () => source.close();
}
