import { describe, expect, it } from "vitest";
import { summariesByOfficial } from "./official-summaries.js";

describe("figures per official", () => {
  const onDuty = (counterId: string, ts: number) => (counterId !== "q1" ? undefined : ts < 100 ? "lan" : "minh");

  it("attributes visits and incidents to the official on duty; a visit with an incident is dissatisfied", () => {
    const by = summariesByOfficial(
      [
        { visitId: "a", counterId: "q1", startedAt: 10, level: "satisfied", score: 75 },
        { visitId: "b", counterId: "q1", startedAt: 20, level: "satisfied", score: 70 },
        { visitId: "c", counterId: "q1", startedAt: 150, level: "very_satisfied", score: 95 },
        { visitId: "d", counterId: "q2", startedAt: 10, level: "neutral", score: 50 },
      ],
      [{ visitId: "b", counterId: "q1", raisedAt: 30 }],
      onDuty,
    );
    expect([...by.keys()].sort()).toEqual(["lan", "minh"]);
    expect(by.get("lan")).toMatchObject({
      visits: 2,
      incidents: 1,
      satisfactionRate: 50,
      levelCounts: { satisfied: 1, dissatisfied: 1 },
    });
    expect(by.get("minh")).toMatchObject({ visits: 1, satisfactionRate: 100, score: 95 });
  });
});
