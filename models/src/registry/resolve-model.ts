import { readFile } from "node:fs/promises";
import path from "node:path";
import { HailongError } from "@hailong/common";
import { isCurrentConversion } from "../convert/build-tag.js";
import { findNpmModel } from "../convert/npm-models.js";
import { type ModelManifest, ModelManifestSchema } from "../manifest.js";
import { CONVERTED_MODEL_IDS, findDownloadable } from "./catalogue.js";
import { defaultModelsDir, downloadedDir, generatedDir, labDir } from "./paths.js";

export interface ResolvedModel {
  manifest: ModelManifest;
  /** absolute path of the .onnx file */
  path: string;
}

export interface ResolveModelOptions {
  modelsDir?: string;
  /** Produces generated/<id>.onnx for npm-derived models; defaults to the converter's ensureConvertedModel. */
  ensureConverted?: (id: string, dir: string) => Promise<unknown>;
}

/**
 * Manifests installed before kinds named their adapter say "face-detector"; the registry entry that wrote them
 * (catalogue or converter spec) declares the kind.
 */
function withDeclaredKind(raw: unknown): unknown {
  if (typeof raw !== "object" || raw === null) return raw;
  const { id, kind } = raw as { id?: unknown; kind?: unknown };
  if (kind !== "face-detector" || typeof id !== "string") return raw;
  const declared = findDownloadable(id)?.manifest.kind ?? findNpmModel(id)?.kind;
  return declared ? { ...raw, kind: declared } : raw;
}

async function readManifest(dir: string, id: string): Promise<ResolvedModel | undefined> {
  const file = path.join(dir, `${id}.manifest.json`);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const parsed = ModelManifestSchema.safeParse(withDeclaredKind(JSON.parse(text)));
  if (!parsed.success) {
    throw new HailongError("HAILONG_ERR_MODEL", `${file}: not a valid model manifest: ${parsed.error.message}`);
  }
  return { manifest: parsed.data, path: path.resolve(dir, parsed.data.file) };
}

async function defaultEnsureConverted(id: string, dir: string): Promise<unknown> {
  // Imported lazily: conversion is only needed the first time an npm-derived model is used.
  const { ensureConvertedModel } = await import("../convert/index.js");
  return ensureConvertedModel(id, dir);
}

/**
 * Finds a model's manifest and ONNX file in generated/, downloaded/ or lab/ (committed lab-trained networks: the
 * repository's own lab/ when `modelsDir` has none, as for the committed heads), converting npm-derived ones on
 * demand and again when the converter or their spec changed since.
 */
export async function resolveModel(id: string, options: ResolveModelOptions = {}): Promise<ResolvedModel> {
  const modelsDir = options.modelsDir ?? defaultModelsDir();
  const spec = findNpmModel(id);
  const generated = await readManifest(generatedDir(modelsDir), id);
  // A conversion by an older converter or spec (e.g. before a dynamic batch dimension) is converted again.
  const current = generated && (!spec || isCurrentConversion(generated.manifest, spec)) ? generated : undefined;
  const found =
    current ??
    (await readManifest(downloadedDir(modelsDir), id)) ??
    (await readManifest(labDir(modelsDir), id)) ??
    (await readManifest(labDir(defaultModelsDir()), id));
  if (found) return found;
  if ((CONVERTED_MODEL_IDS as readonly string[]).includes(id)) {
    await (options.ensureConverted ?? defaultEnsureConverted)(id, generatedDir(modelsDir));
    const converted = await readManifest(generatedDir(modelsDir), id);
    if (converted) return converted;
    throw new HailongError("HAILONG_ERR_MODEL", `converter did not produce ${id} in ${generatedDir(modelsDir)}`);
  }
  if (findDownloadable(id)) {
    throw new HailongError(
      "HAILONG_ERR_MODEL",
      `model ${id} is not installed: run \`hailong models fetch ${id}\` (or \`hailong models fetch --mirror DIR\`)`,
    );
  }
  throw new HailongError("HAILONG_ERR_USAGE", `unknown model id "${id}"`);
}

/** True when a downloadable model is already installed (no conversion, no error). */
export async function isInstalled(id: string, modelsDir = defaultModelsDir()): Promise<boolean> {
  return (await readManifest(downloadedDir(modelsDir), id)) !== undefined;
}
