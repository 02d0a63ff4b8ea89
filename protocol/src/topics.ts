/**
 * The only place MQTT topic strings are spelled. Tree (base topic default "hailong"):
 *   {base}/agent/{agentId}/availability       retained, doubles as the agent's last will
 *   {base}/agent/{agentId}/info               retained
 *   {base}/agent/{agentId}/request/{action}   hub -> agent, carries a transaction id
 *   {base}/agent/{agentId}/response/{action}  agent -> hub, same transaction id
 *   {base}/counter/{counterId}/visit|incident|score|health
 */
export const DEFAULT_BASE_TOPIC = "hailong";

export const AGENT_CHANNELS = ["availability", "info"] as const;
export const COUNTER_CHANNELS = ["visit", "incident", "score", "health"] as const;
export const REQUEST_ACTIONS = ["config-push", "snapshot", "stats"] as const;

export type AgentChannel = (typeof AGENT_CHANNELS)[number];
export type CounterChannel = (typeof COUNTER_CHANNELS)[number];
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

export type ParsedTopic =
  | { kind: AgentChannel; agentId: string }
  | { kind: "request" | "response"; agentId: string; action: RequestAction }
  | { kind: CounterChannel; counterId: string };

export type MessageKind = ParsedTopic["kind"];

/** Ids become topic levels, so they may not contain MQTT separators or wildcards. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function isValidId(id: string): boolean {
  return ID_PATTERN.test(id);
}

function checkId(what: string, id: string): string {
  if (!isValidId(id)) throw new TypeError(`invalid ${what} "${id}": expected ${ID_PATTERN}`);
  return id;
}

export interface Topics {
  readonly base: string;
  agentAvailability(agentId: string): string;
  agentInfo(agentId: string): string;
  request(agentId: string, action: RequestAction): string;
  response(agentId: string, action: RequestAction): string;
  counter(counterId: string, channel: CounterChannel): string;
  /** Subscription filters. */
  readonly filters: {
    allAgents: string;
    allCounters: string;
    agentRequests(agentId: string): string;
    allResponses: string;
  };
  parse(topic: string): ParsedTopic | undefined;
}

export function createTopics(base: string = DEFAULT_BASE_TOPIC): Topics {
  if (!/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/.test(base)) throw new TypeError(`invalid base topic "${base}"`);
  return {
    base,
    agentAvailability: (agentId) => `${base}/agent/${checkId("agent id", agentId)}/availability`,
    agentInfo: (agentId) => `${base}/agent/${checkId("agent id", agentId)}/info`,
    request: (agentId, action) => `${base}/agent/${checkId("agent id", agentId)}/request/${action}`,
    response: (agentId, action) => `${base}/agent/${checkId("agent id", agentId)}/response/${action}`,
    counter: (counterId, channel) => `${base}/counter/${checkId("counter id", counterId)}/${channel}`,
    filters: {
      allAgents: `${base}/agent/+/+`,
      allCounters: `${base}/counter/+/+`,
      agentRequests: (agentId) => `${base}/agent/${checkId("agent id", agentId)}/request/+`,
      allResponses: `${base}/agent/+/response/+`,
    },
    parse: (topic) => parseTopic(topic, base),
  };
}

export function parseTopic(topic: string, base: string = DEFAULT_BASE_TOPIC): ParsedTopic | undefined {
  if (!topic.startsWith(`${base}/`)) return undefined;
  const parts = topic.slice(base.length + 1).split("/");
  const [scope, id, channel, action] = parts;
  if (id === undefined || channel === undefined || !isValidId(id)) return undefined;
  if (scope === "agent") {
    if (parts.length === 3 && includes(AGENT_CHANNELS, channel)) return { kind: channel, agentId: id };
    if (parts.length === 4 && (channel === "request" || channel === "response") && includes(REQUEST_ACTIONS, action)) {
      return { kind: channel, agentId: id, action };
    }
    return undefined;
  }
  if (scope === "counter" && parts.length === 3 && includes(COUNTER_CHANNELS, channel)) {
    return { kind: channel, counterId: id };
  }
  return undefined;
}

function includes<T extends string>(list: readonly T[], value: string | undefined): value is T {
  return value !== undefined && (list as readonly string[]).includes(value);
}
