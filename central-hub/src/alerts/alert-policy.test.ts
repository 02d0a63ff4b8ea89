import { describe, expect, it } from "vitest";
import { decideIncidentAlert, type IncidentFacts, type IncidentRoute } from "./alert-policy.js";

const leader = { personId: "leader", name: "Chi Lan", phone: "+84900000001" };
const head = { personId: "head", name: "Anh Minh", phone: "+84900000002" };
const installer = { personId: "installer", name: "Ky thuat", phone: "+84900000009" };
const route: IncidentRoute = {
  centreId: "ben-nghe",
  centreName: "TT HCC P.Binh Tien",
  counterLabel: "2",
  fieldName: "Ho tich",
  primary: [leader, head],
  escalation: [],
  outage: [leader],
};
const config = { cooldownMs: 5 * 60_000, hourlyCapPerRecipient: 6, maxIncidentAgeMs: 10 * 60_000 };
const NOW = 1_000_000_000;
const facts = (over: Partial<IncidentFacts> = {}): IncidentFacts => ({
  test: false,
  raisedAt: NOW - 1_000,
  route,
  centreOpen: true,
  agentOnline: true,
  counterDegraded: false,
  lastNotifiedIncidentAt: undefined,
  sentLastHour: new Map(),
  testRequester: undefined,
  now: NOW,
  ...over,
});

describe("decideIncidentAlert", () => {
  it("notifies the centre leader and the department head", () => {
    expect(decideIncidentAlert(facts(), config)).toEqual({ action: "notify", recipients: [leader, head], capped: [] });
  });
  it("a leader who also heads the department gets one SMS", () => {
    const d = decideIncidentAlert(facts({ route: { ...route, primary: [leader, leader] } }), config);
    expect(d).toEqual({ action: "notify", recipients: [leader], capped: [] });
  });
  it("inside the counter cooldown the incident is only recorded", () => {
    expect(decideIncidentAlert(facts({ lastNotifiedIncidentAt: NOW - 299_999 }), config)).toEqual({
      action: "record",
      reason: "cooldown",
    });
    expect(decideIncidentAlert(facts({ lastNotifiedIncidentAt: NOW - 300_000 }), config).action).toBe("notify");
  });
  it("the hourly cap drops only the capped recipient", () => {
    const d = decideIncidentAlert(facts({ sentLastHour: new Map([["leader", 6]]) }), config);
    expect(d).toEqual({ action: "notify", recipients: [head], capped: [leader] });
    const all = decideIncidentAlert(
      facts({
        sentLastHour: new Map([
          ["leader", 6],
          ["head", 9],
        ]),
      }),
      config,
    );
    expect(all).toEqual({ action: "record", reason: "hourly-cap" });
  });
  it("outside opening hours, from a degraded or offline agent, nothing is sent", () => {
    expect(decideIncidentAlert(facts({ centreOpen: false }), config)).toEqual({
      action: "record",
      reason: "quiet-hours",
    });
    expect(decideIncidentAlert(facts({ counterDegraded: true }), config)).toEqual({
      action: "record",
      reason: "agent-degraded",
    });
    expect(decideIncidentAlert(facts({ agentOnline: false }), config)).toEqual({
      action: "record",
      reason: "agent-offline",
    });
  });
  it("a test incident goes to the requesting installer only, even at night", () => {
    const d = decideIncidentAlert(facts({ test: true, testRequester: installer, centreOpen: false }), config);
    expect(d).toEqual({ action: "notify", recipients: [installer], capped: [] });
    expect(decideIncidentAlert(facts({ test: true }), config)).toEqual({
      action: "record",
      reason: "test-without-requester",
    });
  });
  it("an incident replayed long after it happened is recorded, not texted", () => {
    expect(decideIncidentAlert(facts({ raisedAt: NOW - 10 * 60_000 - 1 }), config)).toEqual({
      action: "record",
      reason: "stale",
    });
    expect(decideIncidentAlert(facts({ raisedAt: NOW - 10 * 60_000 }), config).action).toBe("notify");
  });
  it("an unknown counter is recorded", () => {
    expect(decideIncidentAlert(facts({ route: undefined }), config)).toEqual({ action: "record", reason: "unrouted" });
  });
});
