import { describe, expect, it } from "vitest";
import { type LivenessEvent, type LivenessState, observeLiveness, tickLiveness } from "./liveness.js";

const GRACE = 5 * 60_000;

function run(steps: Array<["obs", boolean, number] | ["tick", number, boolean?]>): LivenessEvent[] {
  let state: LivenessState | undefined;
  const events: LivenessEvent[] = [];
  for (const step of steps) {
    const out =
      step[0] === "obs"
        ? observeLiveness(state, step[1], step[2])
        : tickLiveness(state!, step[1], GRACE, step[2] ?? true);
    state = out.state;
    if (out.event) events.push(out.event);
  }
  return events;
}

describe("liveness", () => {
  it("offline past the grace raises one alert, recovery one more", () => {
    const events = run([
      ["obs", true, 0],
      ["obs", false, 1000],
      ["tick", 1000 + GRACE - 1],
      ["tick", 1000 + GRACE],
      ["tick", 1000 + GRACE * 2],
      ["obs", false, 1000 + GRACE * 2],
      ["obs", true, 1000 + GRACE * 3],
      ["obs", true, 1000 + GRACE * 4],
    ]);
    expect(events).toEqual([
      { kind: "offline", since: 1000 },
      { kind: "recovered", since: 1000, at: 1000 + GRACE * 3 },
    ]);
  });
  it("a blip shorter than the grace raises nothing", () => {
    expect(
      run([
        ["obs", true, 0],
        ["obs", false, 10],
        ["tick", 100],
        ["obs", true, 200],
        ["tick", GRACE * 3],
      ]),
    ).toEqual([]);
  });
  it("outside opening hours the offline alert waits for the centre to open", () => {
    const events = run([
      ["obs", false, 0],
      ["tick", GRACE * 10, false],
      ["tick", GRACE * 11, true],
    ]);
    expect(events).toEqual([{ kind: "offline", since: 0 }]);
  });
});
