import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { FACE_API_SAMPLES, HAS_SHARED, SHARED_DIR } from "@hailong/common/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { largestFace } from "../src/analyzer/face-detector.js";
import { createYunetDetector } from "../src/analyzer/yunet-detector.js";
import { withFreeYunetInputSize } from "../src/analyzer/yunet-free-size.js";
import { fetchModels } from "../src/registry/fetch-models.js";
import { resolveModel } from "../src/registry/resolve-model.js";
import { decodeImage } from "../src/runtime/decode-image.js";
import { createOnnxSession, type OnnxSession } from "../src/runtime/onnx-session.js";

describe.skipIf(!HAS_SHARED)("YuNet at the frame's own aspect ratio (opencv_zoo file via the shared mirror)", () => {
  let modelsDir: string;
  const sessions: OnnxSession[] = [];
  beforeAll(async () => {
    modelsDir = await mkdtemp(path.join(os.tmpdir(), "hailong-yunet-"));
    await fetchModels({ ids: ["yunet-2023mar"], mirror: path.join(SHARED_DIR, "models"), modelsDir });
  });
  afterAll(async () => {
    for (const s of sessions) await s.close();
    await rm(modelsDir, { recursive: true, force: true });
  });

  it("finds the same face in a wide photo as the fixed 640×640 input does", async () => {
    const model = await resolveModel("yunet-2023mar", { modelsDir });
    const bytes = new Uint8Array(await readFile(model.path));
    const free = withFreeYunetInputSize(bytes);
    expect(free, "the opencv_zoo file declares 1×3×640×640").toBeDefined();
    if (!free) return;
    const fixedSession = await createOnnxSession(bytes);
    const freeSession = await createOnnxSession(free);
    sessions.push(fixedSession, freeSession);
    const fixed = createYunetDetector(model.manifest, fixedSession);
    const any = createYunetDetector(model.manifest, freeSession, { freeInputSize: true });
    // sample1.jpg is 1920×1280: letterboxed to 640×427, run as 640×448 instead of 640×640.
    const image = await decodeImage(path.join(FACE_API_SAMPLES, "sample1.jpg"));
    const a = largestFace(await fixed.detect(image));
    const b = largestFace(await any.detect(image));
    expect(a && b).toBeTruthy();
    if (!a || !b) return;
    for (const k of ["x", "y", "width", "height"] as const) {
      expect(Math.abs(a.box[k] - b.box[k]), k).toBeLessThan(0.05 * a.box.width);
    }
  });
});
