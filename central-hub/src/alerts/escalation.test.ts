import { describe, expect, it } from "vitest";
import { nextEscalation } from "./escalation.js";

const deputy = { personId: "deputy", name: "Pho chu tich", phone: "+84900000003" };
const chair = { personId: "chair", name: "Chu tich", phone: "+84900000004" };
const WINDOW = 10 * 60_000;

describe("nextEscalation", () => {
  const notified = new Set(["leader", "head"]);
  it("nothing before the ack window ends", () => {
    const s = { step: 0, notifiedAt: 0, acknowledgedAt: undefined };
    expect(nextEscalation(s, [deputy, chair], notified, WINDOW - 1, WINDOW, true)).toBeUndefined();
  });
  it("the next person in the chain after the window", () => {
    const s = { step: 0, notifiedAt: 0, acknowledgedAt: undefined };
    expect(nextEscalation(s, [deputy, chair], notified, WINDOW, WINDOW, true)).toEqual({ step: 1, recipient: deputy });
    const s1 = { step: 1, notifiedAt: WINDOW, acknowledgedAt: undefined };
    const after = new Set([...notified, "deputy"]);
    expect(nextEscalation(s1, [deputy, chair], after, 2 * WINDOW, WINDOW, true)).toEqual({ step: 2, recipient: chair });
    const s2 = { step: 2, notifiedAt: 2 * WINDOW, acknowledgedAt: undefined };
    expect(nextEscalation(s2, [deputy, chair], new Set([...after, "chair"]), 9 * WINDOW, WINDOW, true)).toBeUndefined();
  });
  it("an acknowledgement stops it, and closed hours hold it", () => {
    const acked = { step: 0, notifiedAt: 0, acknowledgedAt: 5 };
    expect(nextEscalation(acked, [deputy], notified, WINDOW * 3, WINDOW, true)).toBeUndefined();
    const open = { step: 0, notifiedAt: 0, acknowledgedAt: undefined };
    expect(nextEscalation(open, [deputy], notified, WINDOW * 3, WINDOW, false)).toBeUndefined();
  });
  it("people already notified are skipped", () => {
    const s = { step: 0, notifiedAt: 0, acknowledgedAt: undefined };
    const leader = { personId: "leader", name: "x", phone: "+84900000001" };
    expect(nextEscalation(s, [leader, chair], notified, WINDOW, WINDOW, true)).toEqual({ step: 1, recipient: chair });
  });
});
