import {
  type DecodeError,
  parseTopic,
  type RequestAction,
  type ResponseMessage,
  TransactionIdSchema,
} from "@hailong/protocol";

/**
 * What to answer to a request that failed to decode. Pure. Returns undefined when no answer can be
 * addressed: the topic names no known action or the payload carries no usable transaction id.
 */
export function errorResponseFor(
  topic: string,
  payload: Uint8Array,
  error: DecodeError,
  base: string,
  now: number,
): { action: RequestAction; response: ResponseMessage } | undefined {
  const parsed = parseTopic(topic, base);
  if (parsed === undefined || parsed.kind !== "request") return undefined;
  const txId = recoverTxId(payload);
  if (txId === undefined) return undefined;
  const tuningProblem = parsed.action === "config-push" && error.path?.startsWith("tuning");
  const response: ResponseMessage = {
    v: 1,
    txId,
    ts: now,
    action: parsed.action,
    ok: false,
    error: tuningProblem
      ? { code: "HAILONG_ERR_CONFIG", message: stripKindPrefix(error.message) }
      : { code: "HAILONG_ERR_PROTOCOL", message: `${error.code}: ${error.message}`.slice(0, 2000) },
  };
  return { action: parsed.action, response };
}

/** The txId of a payload that is JSON with a well-formed txId, even if the rest is invalid. */
export function recoverTxId(payload: Uint8Array): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload).toString("utf8"));
  } catch {
    // Not JSON: there is no transaction id to answer to; the caller quarantines the message.
    return undefined;
  }
  if (json === null || typeof json !== "object" || !("txId" in json)) return undefined;
  const result = TransactionIdSchema.safeParse((json as { txId: unknown }).txId);
  return result.success ? result.data : undefined;
}

/** decode() says "request: tuning.roi: ..."; the installer wants "tuning.roi: ...". */
function stripKindPrefix(message: string): string {
  return message.replace(/^request: /, "").slice(0, 2000);
}
