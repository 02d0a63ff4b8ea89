import { readFile } from "node:fs/promises";
import path from "node:path";
import { HailongError } from "@hailong/common";
import { defaultModelsDir, FACE_LANDMARKER_ID } from "@hailong/models/toolkit";
import { type FaceLandmarkerManifest, FaceLandmarkerManifestSchema } from "./landmarker-manifest.js";

export interface ResolvedLandmarker {
  manifest: FaceLandmarkerManifest;
  /** absolute paths of the two ONNX files */
  landmarksPath: string;
  blendshapesPath: string;
}

async function defaultEnsure(modelsDir: string): Promise<string> {
  // Imported lazily: conversion is only needed the first time (and pulls in the converter).
  const { ensureFaceLandmarker } = await import("../convert/face-landmarker-convert.js");
  return ensureFaceLandmarker(modelsDir);
}

/** The converted face landmarker, converted from the fetched .task on first use. */
export async function resolveFaceLandmarker(
  options: { modelsDir?: string; ensure?: (modelsDir: string) => Promise<string> } = {},
): Promise<ResolvedLandmarker> {
  const file = await (options.ensure ?? defaultEnsure)(options.modelsDir ?? defaultModelsDir());
  const parsed = FaceLandmarkerManifestSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
  if (!parsed.success) {
    throw new HailongError(
      "HAILONG_ERR_MODEL",
      `${file}: not a valid ${FACE_LANDMARKER_ID} manifest: ${parsed.error.message}`,
    );
  }
  const dir = path.dirname(file);
  return {
    manifest: parsed.data,
    landmarksPath: path.join(dir, parsed.data.landmarks.file),
    blendshapesPath: path.join(dir, parsed.data.blendshapes.file),
  };
}
