import { defaultModelsDir, generatedDir } from "../registry/paths.js";
import { ensureConvertedModelDetailed } from "./ensure-converted.js";
import { NPM_MODELS } from "./npm-models.js";

export interface ConvertCommandOptions {
  /** Output folder (default models/generated). */
  outDir?: string;
  /** Model ids (default: all of NPM_MODELS). */
  ids?: string[];
  /** Where the per-model lines go (default stdout). */
  write?: (line: string) => void;
}

/** `hailong models convert [--out DIR] [ids...]`: one line per model with id, manifest path, sha256. */
export async function runConvertCommand(options: ConvertCommandOptions = {}): Promise<void> {
  const dir = options.outDir ?? generatedDir(defaultModelsDir());
  const ids = options.ids && options.ids.length > 0 ? options.ids : NPM_MODELS.map((m) => m.id);
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  for (const id of ids) {
    const { manifestPath, manifest, converted } = await ensureConvertedModelDetailed(id, dir);
    write(`${id}\t${manifestPath}\tsha256=${manifest.sha256}\t${converted ? "converted" : "up-to-date"}`);
  }
}
