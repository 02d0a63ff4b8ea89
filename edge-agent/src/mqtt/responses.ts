import type { ResponseMessage } from "@hailong/protocol";

/** The error answer to a request, keeping its transaction id and action. Pure. */
export function errorResponse(request: ResponseMessage, code: string, message: string): ResponseMessage {
  return {
    v: 1,
    txId: request.txId,
    ts: request.ts,
    action: request.action,
    ok: false,
    error: { code, message: message.slice(0, 2000) },
  } as ResponseMessage;
}
