import { createHash } from "node:crypto";
import { newId } from "@hailong/protocol";
import type { DeadLetter } from "../db/repos/dead-letters-repo.js";

/** Characters of a payload a dead letter keeps; the rest is known by its size and sha256. */
export const DEAD_LETTER_PAYLOAD_CHARS = 2048;
/** Dead letters stored per reason per clock hour; those beyond it are only counted. */
export const DEAD_LETTERS_PER_HOUR = 500;

const HOUR_MS = 3_600_000;
const textDecoder = new TextDecoder("utf-8", { fatal: false });

/** A quarantined message as stored: the head of the payload, its full size and hash, why it was refused. */
export function deadLetterFor(
  topic: string,
  payload: Uint8Array,
  reason: string,
  message: string,
  at: number,
): DeadLetter {
  return {
    id: newId(at),
    topic,
    reason,
    message,
    payload: textDecoder.decode(payload.subarray(0, DEAD_LETTER_PAYLOAD_CHARS * 4)).slice(0, DEAD_LETTER_PAYLOAD_CHARS),
    payloadBytes: payload.byteLength,
    payloadSha256: createHash("sha256").update(payload).digest("hex"),
    receivedAt: at,
  };
}

/** Caps stored dead letters per reason and clock hour, so a flood of junk cannot grow the database. */
export function createDeadLetterBudget(perHour = DEAD_LETTERS_PER_HOUR) {
  let hour = -1;
  const used = new Map<string, number>();
  return {
    /** True if a dead letter with this reason received at `at` may still be stored this hour. */
    admit(reason: string, at: number): boolean {
      const h = Math.floor(at / HOUR_MS);
      if (h !== hour) {
        hour = h;
        used.clear();
      }
      const n = used.get(reason) ?? 0;
      if (n >= perHour) return false;
      used.set(reason, n + 1);
      return true;
    },
  };
}
