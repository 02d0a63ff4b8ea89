import { readFile } from "node:fs/promises";
import { HailongError } from "@hailong/common";
import { type DetectorKind, MODEL_KIND_ROLE, type ModelKind } from "../manifest.js";
import type { ResolvedModel } from "../registry/resolve-model.js";
import { createOnnxSession } from "../runtime/onnx-session.js";
import { createBlazeFaceDetector } from "./blazeface-detector.js";
import type { FaceDetector } from "./face-detector.js";
import { createYunetDetector } from "./yunet-detector.js";
import { withFreeYunetInputSize } from "./yunet-free-size.js";

export interface DetectorLoadOptions {
  threads: number;
  scoreThreshold?: number;
}

type DetectorAdapter = (model: ResolvedModel, options: DetectorLoadOptions) => Promise<FaceDetector>;

function thresholds(options: DetectorLoadOptions): { scoreThreshold?: number } {
  return options.scoreThreshold === undefined ? {} : { scoreThreshold: options.scoreThreshold };
}

/** One adapter per detector kind a manifest can declare. */
const DETECTOR_ADAPTERS: Readonly<Record<DetectorKind, DetectorAdapter>> = {
  async "yunet-detector"(model, options) {
    const free = withFreeYunetInputSize(new Uint8Array(await readFile(model.path)));
    const session = await createOnnxSession(free ?? model.path, { threads: options.threads });
    return createYunetDetector(model.manifest, session, { freeInputSize: free !== undefined, ...thresholds(options) });
  },
  async "blazeface-detector"(model, options) {
    const session = await createOnnxSession(model.path, { threads: options.threads });
    return createBlazeFaceDetector(model.manifest, session, thresholds(options));
  },
};

function isDetectorKind(kind: ModelKind): kind is DetectorKind {
  return MODEL_KIND_ROLE[kind] === "face-detector";
}

/** Opens a resolved detector model with the adapter its manifest's kind names. */
export function loadDetectorModel(model: ResolvedModel, options: DetectorLoadOptions): Promise<FaceDetector> {
  const { id, kind } = model.manifest;
  if (!isDetectorKind(kind))
    throw new HailongError("HAILONG_ERR_USAGE", `${id} is an ${kind} model, not a face detector`);
  return DETECTOR_ADAPTERS[kind](model, options);
}
