import type { z } from "zod";
import { AgentInfoMessageSchema, AvailabilityMessageSchema } from "./messages/agent.js";
import {
  HealthMessageSchema,
  IncidentMessageSchema,
  ScoreWindowMessageSchema,
  VisitEventSchema,
} from "./messages/counter.js";
import { RequestMessageSchema, ResponseMessageSchema } from "./messages/request.js";
import { DEFAULT_BASE_TOPIC, type MessageKind, type ParsedTopic, parseTopic } from "./topics.js";

export const MESSAGE_SCHEMAS = {
  availability: AvailabilityMessageSchema,
  info: AgentInfoMessageSchema,
  request: RequestMessageSchema,
  response: ResponseMessageSchema,
  visit: VisitEventSchema,
  incident: IncidentMessageSchema,
  score: ScoreWindowMessageSchema,
  health: HealthMessageSchema,
} as const satisfies Record<MessageKind, z.ZodType>;

export type MessageOf<K extends MessageKind> = z.infer<(typeof MESSAGE_SCHEMAS)[K]>;

/** Largest payload accepted per kind; only a snapshot response carries an image. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 16 * 1024;
export const MAX_SNAPSHOT_RESPONSE_BYTES = 2 * 1024 * 1024;

export type DecodeErrorCode = "unknown_topic" | "too_large" | "invalid_json" | "invalid_message" | "topic_mismatch";

export interface DecodeError {
  code: DecodeErrorCode;
  message: string;
  /** Dotted path of the offending field, for invalid_message/topic_mismatch. */
  path?: string;
}

export type Decoded = {
  [K in MessageKind]: { kind: K; topic: Extract<ParsedTopic, { kind: K }>; message: MessageOf<K> };
}[MessageKind];

export type DecodeResult = ({ ok: true } & Decoded) | { ok: false; error: DecodeError };

export interface DecodeOptions {
  base?: string;
  maxPayloadBytes?: number;
}

const textDecoder = new TextDecoder("utf-8", { fatal: true });
const textEncoder = new TextEncoder();

/** Decodes one MQTT message. Never throws: every failure is a typed error saying what failed. */
export function decode(topic: string, payload: Uint8Array, options: DecodeOptions = {}): DecodeResult {
  const parsed = parseTopic(topic, options.base ?? DEFAULT_BASE_TOPIC);
  if (parsed === undefined) return fail("unknown_topic", `not a hailong topic: ${topic.slice(0, 200)}`);
  const limit = maxBytesFor(parsed, options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES);
  if (payload.byteLength > limit) return fail("too_large", `payload of ${payload.byteLength} bytes exceeds ${limit}`);
  let json: unknown;
  try {
    json = JSON.parse(textDecoder.decode(payload));
  } catch (error) {
    return fail("invalid_json", `payload is not UTF-8 JSON: ${(error as Error).message}`);
  }
  const result = MESSAGE_SCHEMAS[parsed.kind].safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue ? [...issue.path, ...(issue.code === "unrecognized_keys" ? [issue.keys[0]] : [])].join(".") : "";
    return fail("invalid_message", `${parsed.kind}: ${path || "(root)"}: ${issue?.message ?? "invalid"}`, path);
  }
  const mismatch = topicMismatch(parsed, result.data as Record<string, unknown>);
  if (mismatch) return fail("topic_mismatch", `${mismatch} in the payload differs from the topic`, mismatch);
  return { ok: true, kind: parsed.kind, topic: parsed, message: result.data } as DecodeResult;
}

/** Validates and serialises a message; a schema failure here is a programmer error and throws. */
export function encode<K extends MessageKind>(kind: K, message: MessageOf<K>): Uint8Array {
  const valid = MESSAGE_SCHEMAS[kind].parse(message);
  return textEncoder.encode(JSON.stringify(valid));
}

function maxBytesFor(topic: ParsedTopic, general: number): number {
  if (topic.kind === "response" && topic.action === "snapshot") return Math.max(general, MAX_SNAPSHOT_RESPONSE_BYTES);
  return general;
}

function topicMismatch(topic: ParsedTopic, message: Record<string, unknown>): string | undefined {
  if ("counterId" in topic && message.counterId !== topic.counterId) return "counterId";
  if ("agentId" in topic && "agentId" in message && message.agentId !== topic.agentId) return "agentId";
  if ("action" in topic && message.action !== topic.action) return "action";
  return undefined;
}

function fail(code: DecodeErrorCode, message: string, path?: string): DecodeResult {
  return { ok: false, error: path === undefined ? { code, message } : { code, message, path } };
}
