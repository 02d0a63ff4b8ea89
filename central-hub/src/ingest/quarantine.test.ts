import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createDeadLetterBudget, DEAD_LETTER_PAYLOAD_CHARS, deadLetterFor } from "./quarantine.js";

describe("dead letters", () => {
  it("keep the head of a large payload with its full size and sha256", () => {
    const payload = Buffer.alloc(1_000_000, "x");
    const letter = deadLetterFor("t", payload, "too_large", "too big", 1);
    expect(letter.payload).toHaveLength(DEAD_LETTER_PAYLOAD_CHARS);
    expect(letter.payloadBytes).toBe(1_000_000);
    expect(letter.payloadSha256).toBe(createHash("sha256").update(payload).digest("hex"));
  });

  it("are stored up to the cap per reason and hour, then only counted", () => {
    const budget = createDeadLetterBudget(2);
    const hour = 3_600_000;
    expect([1, 2, 3].map((t) => budget.admit("invalid_json", t))).toEqual([true, true, false]);
    expect(budget.admit("not-your-counter", 4)).toBe(true);
    expect(budget.admit("invalid_json", hour + 1)).toBe(true);
  });
});
