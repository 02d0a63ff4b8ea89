import { mkdir } from "node:fs/promises";
import path from "node:path";
import { HailongError } from "@hailong/common";
import { readIfExists, sha256Hex, writeAtomically } from "../runtime/files.js";
import { DOWNLOADABLE_MODELS, type DownloadableModel, findDownloadable, upstreamFileName } from "./catalogue.js";
import { downloadedDir } from "./paths.js";

export { sha256Hex } from "../runtime/files.js";

export interface FetchModelsOptions {
  /** ids to fetch; empty = every downloadable model */
  ids: readonly string[];
  /** folder holding the upstream-named files (instead of the network) */
  mirror?: string;
  modelsDir: string;
  fetchFn?: typeof fetch;
}

export interface FetchedModel {
  id: string;
  path: string;
  from: "mirror" | "network" | "already-installed";
}

async function obtainBytes(
  model: DownloadableModel,
  options: FetchModelsOptions,
): Promise<{ bytes: Uint8Array; from: string }> {
  if (options.mirror) {
    const file = path.join(options.mirror, upstreamFileName(model));
    const bytes = await readIfExists(file);
    if (!bytes) {
      throw new HailongError(
        "HAILONG_ERR_MODEL",
        `mirror folder ${options.mirror} has no ${upstreamFileName(model)} (needed for model ${model.manifest.id})`,
      );
    }
    return { bytes, from: file };
  }
  const fetchFn = options.fetchFn ?? fetch;
  let response: Response;
  try {
    response = await fetchFn(model.url);
  } catch (error) {
    throw new HailongError("HAILONG_ERR_MODEL", `could not download ${model.manifest.id} from ${model.url}`, {
      cause: error,
    });
  }
  if (!response.ok) {
    throw new HailongError(
      "HAILONG_ERR_MODEL",
      `download of ${model.manifest.id} from ${model.url} failed: HTTP ${response.status}`,
    );
  }
  return { bytes: new Uint8Array(await response.arrayBuffer()), from: model.url };
}

async function fetchOne(model: DownloadableModel, options: FetchModelsOptions): Promise<FetchedModel> {
  const dir = downloadedDir(options.modelsDir);
  const target = path.join(dir, model.manifest.file);
  const existing = await readIfExists(target);
  if (existing && sha256Hex(existing) === model.manifest.sha256) {
    await writeAtomically(path.join(dir, `${model.manifest.id}.manifest.json`), manifestJson(model));
    return { id: model.manifest.id, path: target, from: "already-installed" };
  }
  const { bytes, from } = await obtainBytes(model, options);
  const actual = sha256Hex(bytes);
  if (actual !== model.manifest.sha256 || bytes.byteLength !== model.manifest.bytes) {
    throw new HailongError(
      "HAILONG_ERR_MODEL",
      `checksum mismatch for ${model.manifest.id} from ${from}: expected sha256 ${model.manifest.sha256} (${model.manifest.bytes} bytes), got ${actual} (${bytes.byteLength} bytes); nothing was written`,
    );
  }
  await mkdir(dir, { recursive: true });
  await writeAtomically(target, bytes);
  await writeAtomically(path.join(dir, `${model.manifest.id}.manifest.json`), manifestJson(model));
  return { id: model.manifest.id, path: target, from: options.mirror ? "mirror" : "network" };
}

function manifestJson(model: DownloadableModel): string {
  return `${JSON.stringify(model.manifest, null, 2)}\n`;
}

/** Installs downloadable models into `<modelsDir>/downloaded/`, verifying size and sha256 before writing. */
export async function fetchModels(options: FetchModelsOptions): Promise<FetchedModel[]> {
  const ids = options.ids.length > 0 ? options.ids : DOWNLOADABLE_MODELS.map((m) => m.manifest.id);
  const models = ids.map((id) => {
    const model = findDownloadable(id);
    if (!model) {
      const known = DOWNLOADABLE_MODELS.map((m) => m.manifest.id).join(", ");
      throw new HailongError("HAILONG_ERR_USAGE", `unknown downloadable model "${id}" (known: ${known})`);
    }
    return model;
  });
  const results: FetchedModel[] = [];
  for (const model of models) results.push(await fetchOne(model, options));
  return results;
}
