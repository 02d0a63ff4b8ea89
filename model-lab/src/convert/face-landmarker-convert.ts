import { createHash } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { HailongError } from "@hailong/common";
import {
  CONVERTER_VERSION,
  defaultModelsDir,
  downloadedDir,
  FACE_LANDMARKER_ID,
  FACE_LANDMARKER_TASK,
  generatedDir,
  readIfExists,
  sha256Hex,
  writeAtomically,
} from "@hailong/models/toolkit";
import { type FaceLandmarkerManifest, FaceLandmarkerManifestSchema } from "../landmarker/landmarker-manifest.js";
import { readZipEntry } from "./tflite/task-archive.js";
import { convertTfliteModel, type TfliteOutputSpec } from "./tflite/tflite-to-onnx.js";

/**
 * The two graphs of MediaPipe's face_landmarker.task the project runs (the bundle's face_detector.tflite is not
 * used: the project's own detector finds faces). Output tensor names as read from the .tflite files; MediaPipe's
 * face_landmarks_detector_graph.cc uses output 0 (landmarks) and output 1 (presence, through a sigmoid).
 */
const LANDMARKS = {
  entry: "face_landmarks_detector.tflite",
  file: `${FACE_LANDMARKER_ID}-landmarks.onnx`,
  input: "input",
  outputs: [
    { onnx: "landmarks", tflite: "Identity" },
    { onnx: "presence_logit", tflite: "Identity_1" },
  ],
} as const;
const BLENDSHAPES = {
  entry: "face_blendshapes.tflite",
  file: `${FACE_LANDMARKER_ID}-blendshapes.onnx`,
  input: "points",
  outputs: [{ onnx: "scores", tflite: "StatefulPartitionedCall:0" }],
} as const;

/** Changes when the conversion recipe above or the converter changes, so cached conversions are redone. */
function converterTag(): string {
  const digest = createHash("sha256")
    .update(JSON.stringify([LANDMARKS, BLENDSHAPES, CONVERTER_VERSION]))
    .digest("hex");
  return `converter v${CONVERTER_VERSION}, build ${digest.slice(0, 12)}`;
}

interface ConvertedFile {
  file: string;
  onnx: Uint8Array;
}

function convertEntry(
  task: Uint8Array,
  part: { entry: string; file: string; input: string; outputs: readonly TfliteOutputSpec[] },
): ConvertedFile {
  const onnx = convertTfliteModel({
    tflite: readZipEntry(task, part.entry),
    outputs: part.outputs,
    inputName: part.input,
    graphName: part.file.replace(/\.onnx$/, ""),
    docString: `${part.entry} from ${FACE_LANDMARKER_TASK.file} (${converterTag()})`,
    metadata: { source: `${FACE_LANDMARKER_TASK.file}/${part.entry}`, converter: converterTag() },
  });
  return { file: part.file, onnx };
}

/** Pure: both ONNX models and the manifest describing them. */
export function convertFaceLandmarker(task: Uint8Array): { files: ConvertedFile[]; manifest: FaceLandmarkerManifest } {
  const landmarks = convertEntry(task, LANDMARKS);
  const blendshapes = convertEntry(task, BLENDSHAPES);
  const describe = (c: ConvertedFile, input: string, inputShape: number[]) => ({
    file: c.file,
    bytes: c.onnx.byteLength,
    sha256: sha256Hex(c.onnx),
    input,
    inputShape,
  });
  const manifest = FaceLandmarkerManifestSchema.parse({
    id: FACE_LANDMARKER_ID,
    kind: "face-landmarker",
    source: { file: FACE_LANDMARKER_TASK.file, sha256: sha256Hex(task), converter: converterTag() },
    licence: FACE_LANDMARKER_TASK.licence,
    landmarks: {
      ...describe(landmarks, LANDMARKS.input, [1, 3, 256, 256]),
      landmarksOutput: "landmarks",
      presenceOutput: "presence_logit",
    },
    blendshapes: { ...describe(blendshapes, BLENDSHAPES.input, [1, 146, 2]), scoresOutput: "scores" },
  });
  return { files: [landmarks, blendshapes], manifest };
}

export function faceLandmarkerManifestPath(dir: string): string {
  return path.join(dir, `${FACE_LANDMARKER_ID}.manifest.json`);
}

/** The manifest in dir when it describes this .task, this converter and intact ONNX files. */
async function freshManifest(dir: string, taskSha256: string): Promise<FaceLandmarkerManifest | undefined> {
  const text = await readIfExists(faceLandmarkerManifestPath(dir));
  if (!text) return undefined;
  const parsed = FaceLandmarkerManifestSchema.safeParse(JSON.parse(text.toString("utf8")));
  if (!parsed.success) return undefined;
  const m = parsed.data;
  if (m.source.sha256 !== taskSha256 || m.source.converter !== converterTag()) return undefined;
  for (const part of [m.landmarks, m.blendshapes]) {
    const onnx = await readIfExists(path.join(dir, part.file));
    if (!onnx || sha256Hex(onnx) !== part.sha256) return undefined;
  }
  return m;
}

/**
 * Converts models/downloaded/face_landmarker.task into `outDir` (default generated/) unless an up-to-date
 * conversion is there. The .task comes from `hailong models fetch` (never downloaded here).
 */
export async function ensureFaceLandmarkerDetailed(
  modelsDir = defaultModelsDir(),
  outDir = generatedDir(modelsDir),
): Promise<{ manifestPath: string; manifest: FaceLandmarkerManifest; converted: boolean }> {
  const taskPath = path.join(downloadedDir(modelsDir), FACE_LANDMARKER_TASK.file);
  const task = await readIfExists(taskPath);
  if (!task) {
    throw new HailongError(
      "HAILONG_ERR_MODEL",
      `${taskPath} is missing: run \`hailong models fetch ${FACE_LANDMARKER_TASK.id}\` (or with --mirror DIR)`,
    );
  }
  const manifestPath = faceLandmarkerManifestPath(outDir);
  const fresh = await freshManifest(outDir, sha256Hex(task));
  if (fresh) return { manifestPath, manifest: fresh, converted: false };
  const { files, manifest } = convertFaceLandmarker(new Uint8Array(task));
  await mkdir(outDir, { recursive: true });
  // ONNX first: whoever sees the new manifest also sees the files it describes.
  for (const f of files) await writeAtomically(path.join(outDir, f.file), f.onnx);
  await writeAtomically(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifestPath, manifest, converted: true };
}

/** Returns the manifest path (see ensureFaceLandmarkerDetailed). */
export async function ensureFaceLandmarker(modelsDir = defaultModelsDir()): Promise<string> {
  return (await ensureFaceLandmarkerDetailed(modelsDir)).manifestPath;
}
