import { mkdir } from "node:fs/promises";
import path from "node:path";
import { HailongError } from "@hailong/common";
import { readIfExists, sha256Hex, writeAtomically } from "../runtime/files.js";
import { DOWNLOADABLE_ASSETS, DOWNLOADABLE_MODELS, upstreamFileName } from "./catalogue.js";
import { downloadedDir } from "./paths.js";

export { sha256Hex } from "../runtime/files.js";

export interface FetchModelsOptions {
  /** ids to fetch; empty = every downloadable model and asset */
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

/** One verified download: an ONNX model (with the manifest written beside it) or a source asset. */
interface Fetchable {
  id: string;
  file: string;
  bytes: number;
  sha256: string;
  url: string;
  manifestJson?: string;
}

const FETCHABLES: readonly Fetchable[] = [
  ...DOWNLOADABLE_MODELS.map((m) => ({
    id: m.manifest.id,
    file: m.manifest.file,
    bytes: m.manifest.bytes,
    sha256: m.manifest.sha256,
    url: m.url,
    manifestJson: `${JSON.stringify(m.manifest, null, 2)}\n`,
  })),
  ...DOWNLOADABLE_ASSETS,
];

async function obtainBytes(item: Fetchable, options: FetchModelsOptions): Promise<{ bytes: Uint8Array; from: string }> {
  if (options.mirror) {
    const file = path.join(options.mirror, upstreamFileName(item));
    const bytes = await readIfExists(file);
    if (!bytes) {
      throw new HailongError(
        "HAILONG_ERR_MODEL",
        `mirror folder ${options.mirror} has no ${upstreamFileName(item)} (needed for model ${item.id})`,
      );
    }
    return { bytes, from: file };
  }
  const fetchFn = options.fetchFn ?? fetch;
  let response: Response;
  try {
    response = await fetchFn(item.url);
  } catch (error) {
    throw new HailongError("HAILONG_ERR_MODEL", `could not download ${item.id} from ${item.url}`, { cause: error });
  }
  if (!response.ok) {
    throw new HailongError(
      "HAILONG_ERR_MODEL",
      `download of ${item.id} from ${item.url} failed: HTTP ${response.status}`,
    );
  }
  return { bytes: new Uint8Array(await response.arrayBuffer()), from: item.url };
}

async function writeManifest(item: Fetchable, dir: string): Promise<void> {
  if (item.manifestJson) await writeAtomically(path.join(dir, `${item.id}.manifest.json`), item.manifestJson);
}

async function fetchOne(item: Fetchable, options: FetchModelsOptions): Promise<FetchedModel> {
  const dir = downloadedDir(options.modelsDir);
  const target = path.join(dir, item.file);
  const existing = await readIfExists(target);
  if (existing && sha256Hex(existing) === item.sha256) {
    await writeManifest(item, dir);
    return { id: item.id, path: target, from: "already-installed" };
  }
  const { bytes, from } = await obtainBytes(item, options);
  const actual = sha256Hex(bytes);
  if (actual !== item.sha256 || bytes.byteLength !== item.bytes) {
    throw new HailongError(
      "HAILONG_ERR_MODEL",
      `checksum mismatch for ${item.id} from ${from}: expected sha256 ${item.sha256} (${item.bytes} bytes), got ${actual} (${bytes.byteLength} bytes); nothing was written`,
    );
  }
  await mkdir(dir, { recursive: true });
  await writeAtomically(target, bytes);
  await writeManifest(item, dir);
  return { id: item.id, path: target, from: options.mirror ? "mirror" : "network" };
}

/** Installs downloadable models and assets into `<modelsDir>/downloaded/`, verifying size and sha256 first. */
export async function fetchModels(options: FetchModelsOptions): Promise<FetchedModel[]> {
  const ids = options.ids.length > 0 ? options.ids : FETCHABLES.map((m) => m.id);
  const items = ids.map((id) => {
    const item = FETCHABLES.find((m) => m.id === id);
    if (!item) {
      const known = FETCHABLES.map((m) => m.id).join(", ");
      throw new HailongError("HAILONG_ERR_USAGE", `unknown downloadable model "${id}" (known: ${known})`);
    }
    return item;
  });
  const results: FetchedModel[] = [];
  for (const item of items) results.push(await fetchOne(item, options));
  return results;
}
