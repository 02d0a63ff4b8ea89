import { describe, expect, it } from "vitest";
import type { ScoredFace } from "./counter-engine.js";
import { type AnalysedFrame, createLatestFrame } from "./latest-frame.js";

const image = { data: new Uint8Array(3), width: 1, height: 1 };
const face = (inRoi: boolean) => ({ inRoi }) as ScoredFace;
const frame = (ts: number, faces: ScoredFace[]): AnalysedFrame => ({ image, faces, ts });

describe("latest frame for calibration snapshots", () => {
  it("returns the latest frame at once when a citizen is in the ROI", async () => {
    const latest = createLatestFrame();
    latest.set(frame(1, [face(true)]));
    expect((await latest.withFace(10_000))?.ts).toBe(1);
  });

  it("waits for the next frame with a face in the ROI while the chair is empty", async () => {
    const latest = createLatestFrame();
    latest.set(frame(1, []));
    const pending = latest.withFace(10_000);
    latest.set(frame(2, [face(false)]));
    latest.set(frame(3, [face(true)]));
    latest.set(frame(4, []));
    expect((await pending)?.ts).toBe(3);
  });

  it("gives up after the wait and returns the latest, faceless frame", async () => {
    const latest = createLatestFrame();
    latest.set(frame(1, []));
    const pending = latest.withFace(30);
    latest.set(frame(2, []));
    expect((await pending)?.ts).toBe(2);
  });

  it("answers pending waits when the camera stops", async () => {
    const latest = createLatestFrame();
    latest.set(frame(1, []));
    const pending = latest.withFace(10_000);
    latest.close();
    expect((await pending)?.ts).toBe(1);
    expect((await latest.withFace(10_000))?.ts).toBe(1);
  });
});
