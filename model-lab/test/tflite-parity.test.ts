import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { HAS_SHARED, REPO_ROOT, SHARED_DIR } from "@hailong/common/testing";
import { type Box, createFaceAnalyzer, decodeImage, type LoadedFaceAnalyzer, type RgbImage } from "@hailong/models";
import {
  createOnnxSession,
  cropPixels,
  downloadedDir,
  FACE_LANDMARKER_TASK,
  type OnnxSession,
  resizeBilinear,
} from "@hailong/models/toolkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { convertFaceLandmarker, ensureFaceLandmarkerDetailed } from "../src/convert/face-landmarker-convert.js";
import { compareOutputs } from "../src/convert/parity.js";
import { readZipEntry } from "../src/convert/tflite/task-archive.js";
import { createFaceLandmarker, type FaceLandmarker } from "../src/landmarker/face-landmarker.js";
import { blendshapeInput, LANDMARKER_INPUT_SIZE, landmarkerSquare } from "../src/landmarker/landmarker-geometry.js";
import { BLENDSHAPE_NAMES } from "../src/landmarker/mediapipe-constants.js";
import { resolveFaceLandmarker } from "../src/landmarker/resolve-landmarker.js";
import { HAS_TFLITE_REFERENCE, loadTfliteReference, type TfliteReferenceModel } from "./tflite-reference.js";

const TASK = [
  path.join(downloadedDir(path.join(REPO_ROOT, "models")), FACE_LANDMARKER_TASK.file),
  path.join(SHARED_DIR, "models", FACE_LANDMARKER_TASK.file),
].find((p) => existsSync(p));
const missing = [
  TASK ? "" : `${FACE_LANDMARKER_TASK.file} (hailong models fetch ${FACE_LANDMARKER_TASK.id}, or ../shared/models)`,
  HAS_TFLITE_REFERENCE ? "" : "the TFLite reference runtime (npm ci --prefix model-lab/tflite-reference)",
  HAS_SHARED ? "" : "../shared data (HAILONG_SHARED_DIR)",
].filter((m) => m !== "");
if (missing.length > 0) console.warn(`TFLite → ONNX parity test skipped; missing: ${missing.join("; ")}`);

const CKPLUS = path.join(SHARED_DIR, "data/video/ckplus_sequences");
const SEQUENCES = ["angry/S055_004", "angry/S111_006", "disgust/S052_006", "happy/S106_006", "surprise/S111_001"];
const STILLS = ["linzaer-imgs-5.jpg", "linzaer-imgs-1.jpg"];
const TIMEOUT_MS = 300_000;

interface Face {
  label: string;
  image: RgbImage;
  box: Box;
}

async function sequenceFrames(sequence: string): Promise<string[]> {
  const dir = path.join(CKPLUS, sequence);
  return (await readdir(dir))
    .filter((f) => f.endsWith(".png"))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Faces found by the project's npm-only detector: CK+ neutral and apex frames, up to two faces per still. */
async function collectFaces(detector: LoadedFaceAnalyzer): Promise<Face[]> {
  const files: Array<{ label: string; file: string; count: number }> = [];
  for (const s of SEQUENCES) {
    const frames = await sequenceFrames(s);
    files.push({ label: `${s} neutral`, file: frames[0] as string, count: 1 });
    files.push({ label: `${s} apex`, file: frames.at(-1) as string, count: 1 });
  }
  for (const s of STILLS) files.push({ label: s, file: path.join(SHARED_DIR, "data/stills", s), count: 2 });
  const faces: Face[] = [];
  for (const { label, file, count } of files) {
    const image = await decodeImage(file);
    const found = (await detector.detect(image)).sort((a, b) => b.box.width - a.box.width).slice(0, count);
    faces.push(...found.map((f, k) => ({ label: `${label} #${k}`, image, box: f.box })));
  }
  return faces;
}

/** The landmark model's input for a face: the runtime's crop, as NHWC (TFLite) and NCHW (ONNX) floats in [0, 1]. */
function cropInputs(face: Face): { nhwc: Float32Array; nchw: Float32Array } {
  const size = LANDMARKER_INPUT_SIZE;
  const s = landmarkerSquare(face.box);
  const crop = resizeBilinear(cropPixels(face.image, s.x, s.y, s.width, s.height), size, size);
  const nhwc = Float32Array.from(crop.data, (v) => v / 255);
  const nchw = new Float32Array(nhwc.length);
  for (let p = 0; p < size * size; p++)
    for (let c = 0; c < 3; c++) nchw[c * size * size + p] = nhwc[p * 3 + c] as number;
  return { nhwc, nchw };
}

describe.skipIf(missing.length > 0)("MediaPipe face landmarker: converted ONNX matches TensorFlow Lite", () => {
  const measured: string[] = [];
  let modelsDir: string;
  let faces: Face[];
  let reference: { landmarks: TfliteReferenceModel; blendshapes: TfliteReferenceModel };
  let onnx: { landmarks: OnnxSession; blendshapes: OnnxSession };
  let landmarker: FaceLandmarker;

  beforeAll(async () => {
    modelsDir = await mkdtemp(path.join(os.tmpdir(), "hailong-tflite-"));
    await mkdir(downloadedDir(modelsDir), { recursive: true });
    await copyFile(TASK as string, path.join(downloadedDir(modelsDir), FACE_LANDMARKER_TASK.file));
    await ensureFaceLandmarkerDetailed(modelsDir);
    const resolved = await resolveFaceLandmarker({ modelsDir });
    onnx = {
      landmarks: await createOnnxSession(resolved.landmarksPath),
      blendshapes: await createOnnxSession(resolved.blendshapesPath),
    };
    landmarker = await createFaceLandmarker({ resolved });
    const task = new Uint8Array(await readFile(TASK as string));
    const load = await loadTfliteReference();
    reference = {
      landmarks: load(readZipEntry(task, "face_landmarks_detector.tflite")),
      blendshapes: load(readZipEntry(task, "face_blendshapes.tflite")),
    };
    const detector = await createFaceAnalyzer({ detector: "blazeface-front", expression: "emotion-minixception" });
    faces = await collectFaces(detector);
    await detector.close();
  }, TIMEOUT_MS);

  afterAll(async () => {
    await onnx?.landmarks.close();
    await onnx?.blendshapes.close();
    await landmarker?.close();
    await rm(modelsDir, { recursive: true, force: true });
    console.info(`TFLite parity:\n${measured.join("\n")}`);
  });

  it("converts once and then finds its conversion up to date; converting again gives the same bytes", async () => {
    const again = await ensureFaceLandmarkerDetailed(modelsDir);
    expect(again.converted).toBe(false);
    const fresh = convertFaceLandmarker(new Uint8Array(await readFile(TASK as string))).manifest;
    expect([fresh.landmarks.sha256, fresh.blendshapes.sha256]).toEqual([
      again.manifest.landmarks.sha256,
      again.manifest.blendshapes.sha256,
    ]);
  });

  it(
    "landmarks (478 × x, y, z) and the presence logit agree on faces from CK+ frames and stills",
    async () => {
      // Every CK+ frame holds one face; BlazeFace-front also finds at least the desk still's.
      expect(faces.length).toBeGreaterThanOrEqual(SEQUENCES.length * 2 + 1);
      for (const face of faces) {
        const { nhwc, nchw } = cropInputs(face);
        const [refMesh, refPresence] = reference.landmarks.run(nhwc);
        const out = await onnx.landmarks.run({ input: { data: nchw, dims: [1, 3, 256, 256] } });
        const mesh = compareOutputs(out.landmarks?.data ?? [], refMesh ?? []);
        const presence = compareOutputs(out.presence_logit?.data ?? [], refPresence ?? []);
        measured.push(
          `landmarks ${face.label}: max|diff| ${mesh.maxAbsDiff.toExponential(2)} px (max|ref| ${mesh.maxAbsRef.toFixed(1)}), presence logit ${refPresence?.[0]?.toFixed(3)} diff ${presence.maxAbsDiff.toExponential(2)}`,
        );
        expect(mesh.maxAbsDiff, face.label).toBeLessThanOrEqual(1e-4 * mesh.maxAbsRef);
        expect(presence.maxAbsDiff, face.label).toBeLessThanOrEqual(1e-3 * Math.max(1, presence.maxAbsRef));
      }
    },
    TIMEOUT_MS,
  );

  it(
    "the 52 blendshape scores agree on each face's TFLite mesh, and the runtime module matches TFLite end to end",
    async () => {
      for (const face of faces) {
        const [refMesh = new Float32Array()] = reference.landmarks.run(cropInputs(face).nhwc);
        const points = blendshapeInput(refMesh);
        const [refScores = new Float32Array()] = reference.blendshapes.run(points);
        const out = await onnx.blendshapes.run({ points: { data: points, dims: [1, 146, 2] } });
        const isolated = compareOutputs(out.scores?.data ?? [], refScores);
        const runtime = await landmarker.analyse(face.image, face.box);
        const endToEnd = compareOutputs(Object.values(runtime.blendshapes), refScores);
        measured.push(
          `blendshapes ${face.label}: max|diff| ${isolated.maxAbsDiff.toExponential(2)}, end to end ${endToEnd.maxAbsDiff.toExponential(2)}, presence ${runtime.presence.toFixed(3)}`,
        );
        expect(refScores.length).toBe(BLENDSHAPE_NAMES.length);
        expect(isolated.maxAbsDiff, face.label).toBeLessThanOrEqual(1e-4);
        // End to end the crop is in image pixels (blendshapes normalise position and scale): float rounding only.
        expect(endToEnd.maxAbsDiff, face.label).toBeLessThanOrEqual(1e-3);
      }
    },
    TIMEOUT_MS,
  );

  it(
    "the runtime sees a face in every CK+ crop and lowered brows at the angry apex, not in the neutral frame",
    async () => {
      for (const sequence of SEQUENCES.filter((s) => s.startsWith("angry/"))) {
        const at = (kind: string) => faces.find((f) => f.label.startsWith(`${sequence} ${kind}`)) as Face;
        const neutral = await landmarker.analyse(at("neutral").image, at("neutral").box);
        const apex = await landmarker.analyse(at("apex").image, at("apex").box);
        const brow = (r: typeof apex) => (r.blendshapes.browDownLeft + r.blendshapes.browDownRight) / 2;
        measured.push(`${sequence} browDown neutral ${brow(neutral).toFixed(3)} → apex ${brow(apex).toFixed(3)}`);
        expect(Math.min(neutral.presence, apex.presence), sequence).toBeGreaterThan(0.5);
        expect(brow(apex) - brow(neutral), sequence).toBeGreaterThan(0.1);
      }
    },
    TIMEOUT_MS,
  );
});
