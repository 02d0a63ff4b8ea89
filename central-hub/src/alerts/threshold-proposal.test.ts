import { describe, expect, it } from "vitest";
import { proposeThreshold } from "./threshold-proposal.js";

const options = { current: 0.5, targetPrecision: 0.8, minLabels: 8 };

describe("proposeThreshold", () => {
  it("10 labelled incidents, 4 false alarms with low peaks: proposes the threshold just above them", () => {
    const labels = [
      ...[0.55, 0.58, 0.6, 0.62].map((peak) => ({ peak, falseAlarm: true })),
      ...[0.6, 0.7, 0.75, 0.8, 0.85, 0.9].map((peak) => ({ peak, falseAlarm: false })),
    ];
    const evidence = proposeThreshold(labels, options);
    expect(evidence).toMatchObject({ incidents: 10, falseAlarms: 4, precisionNow: 0.6 });
    // 0.56 keeps 6 of 9 real, 0.59 6 of 8 (0.75): 0.61 is the lowest that reaches 0.8, missing the 0.6 real one
    expect(evidence).toMatchObject({ proposed: 0.61, realMissed: 1 });
    expect(evidence.precisionProposed).toBeCloseTo(5 / 6);
  });

  it("picks the lowest threshold that reaches the target precision", () => {
    const labels = [
      ...[0.55, 0.58, 0.6, 0.62].map((peak) => ({ peak, falseAlarm: true })),
      ...[0.7, 0.75, 0.8, 0.85, 0.9, 0.95].map((peak) => ({ peak, falseAlarm: false })),
    ];
    const evidence = proposeThreshold(labels, options);
    expect(evidence).toMatchObject({ proposed: 0.61, realMissed: 0 });
    expect(evidence.precisionProposed).toBeCloseTo(6 / 7);
  });

  it("proposes nothing on thin evidence or without false alarms", () => {
    expect(proposeThreshold([{ peak: 0.6, falseAlarm: true }], options).proposed).toBeNull();
    const real = Array.from({ length: 10 }, () => ({ peak: 0.7, falseAlarm: false }));
    expect(proposeThreshold(real, options)).toMatchObject({ proposed: null, precisionNow: 1 });
  });
});
