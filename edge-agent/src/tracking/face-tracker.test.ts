import { describe, expect, it } from "vitest";
import { createFaceTracker, iou } from "./face-tracker.js";

const box = (x: number, y = 100, size = 100) => ({ box: { x, y, width: size, height: size } });
const options = { minIou: 0.3, maxCentreDistance: 0.75, maxAgeMs: 1000, confirmHits: 3, tentativeMaxAgeMs: 300 };

describe("face tracker", () => {
  it("computes IoU", () => {
    expect(iou(box(0).box, box(0).box)).toBe(1);
    expect(iou(box(0).box, box(200).box)).toBe(0);
    expect(iou(box(0).box, box(50).box)).toBeCloseTo(50 / 150);
  });

  it("keeps one id for a face that moves a little between frames", () => {
    const tracker = createFaceTracker(options);
    const ids = [0, 10, 25, 45, 70].map((x, i) => tracker.update(i * 100, [box(x)]).assigned[0]?.track.id);
    expect(new Set(ids).size).toBe(1);
    expect(tracker.tracks()[0]?.hits).toBe(5);
  });

  it("follows a fast move by centre distance and keeps two faces apart", () => {
    const tracker = createFaceTracker(options);
    const first = tracker.update(0, [box(0), box(600)]).assigned.map((a) => a.track.id);
    const second = tracker.update(100, [box(660), box(60)]).assigned.map((a) => a.track.id);
    expect(second).toEqual([first[1], first[0]]);
  });

  it("expires a confirmed track after maxAgeMs and a tentative one sooner", () => {
    const tracker = createFaceTracker(options);
    for (let i = 0; i < 3; i++) tracker.update(i * 100, [box(0)]);
    tracker.update(300, [box(500)]);
    expect(tracker.update(700, []).expired.map((t) => t.hits)).toEqual([1]);
    expect(tracker.update(1100, []).expired).toEqual([]);
    expect(tracker.update(1300, []).expired.map((t) => t.hits)).toEqual([3]);
    expect(tracker.tracks()).toEqual([]);
  });
});
