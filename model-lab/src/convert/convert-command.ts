import {
  defaultModelsDir,
  downloadedDir,
  ensureConvertedModelDetailed,
  FACE_LANDMARKER_ID,
  FACE_LANDMARKER_TASK,
  generatedDir,
  NPM_MODELS,
  readIfExists,
} from "@hailong/models/toolkit";
import { ensureFaceLandmarkerDetailed } from "./face-landmarker-convert.js";

export interface ConvertCommandOptions {
  /** Output folder (default models/generated). */
  outDir?: string;
  /** Model ids (default: all of NPM_MODELS, plus the face landmarker when its .task has been fetched). */
  ids?: string[];
  /** Where the per-model lines go (default stdout). */
  write?: (line: string) => void;
}

async function taskFetched(modelsDir: string): Promise<boolean> {
  return (await readIfExists(`${downloadedDir(modelsDir)}/${FACE_LANDMARKER_TASK.file}`)) !== undefined;
}

/** `hailong models convert [--out DIR] [ids...]`: one line per model with id, manifest path, sha256. */
export async function runConvertCommand(options: ConvertCommandOptions = {}): Promise<void> {
  const dir = options.outDir ?? generatedDir(defaultModelsDir());
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const explicit = options.ids && options.ids.length > 0;
  const ids = explicit ? (options.ids as string[]) : NPM_MODELS.map((m) => m.id);
  if (!explicit && (await taskFetched(defaultModelsDir()))) ids.push(FACE_LANDMARKER_ID);
  for (const id of ids) {
    if (id === FACE_LANDMARKER_ID) {
      const { manifestPath, manifest, converted } = await ensureFaceLandmarkerDetailed(defaultModelsDir(), dir);
      const hashes = `landmarks sha256=${manifest.landmarks.sha256} blendshapes sha256=${manifest.blendshapes.sha256}`;
      write(`${id}\t${manifestPath}\t${hashes}\t${converted ? "converted" : "up-to-date"}`);
      continue;
    }
    const { manifestPath, manifest, converted } = await ensureConvertedModelDetailed(id, dir);
    write(`${id}\t${manifestPath}\tsha256=${manifest.sha256}\t${converted ? "converted" : "up-to-date"}`);
  }
}
