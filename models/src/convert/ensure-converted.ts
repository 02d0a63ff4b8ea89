import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { HailongError } from "@hailong/common";
import { type ModelManifest, ModelManifestSchema } from "../manifest.js";
import { defaultModelsDir, generatedDir } from "../registry/paths.js";
import { readIfExists, sha256Hex, writeAtomically } from "../runtime/files.js";
import { converterBuildTag, isCurrentConversion } from "./build-tag.js";
import { buildOnnxModel } from "./convert-graph.js";
import { buildFaceApiExpressionGraph, faceApiExtraWeightBytes } from "./face-api-expression.js";
import type { NpmModelSpec } from "./npm-model-spec.js";
import { findNpmModel, NPM_MODELS } from "./npm-models.js";
import { encodeOnnxModel } from "./onnx-proto.js";
import { TfjsGraphModelJsonSchema, WeightsManifestSchema } from "./tfjs-model.js";

export interface NpmModelSource {
  /** `<package>@<installed version>` */
  packageRef: string;
  modelJson: unknown;
  weightData: Uint8Array;
}

function requireSpec(id: string): NpmModelSpec {
  const spec = findNpmModel(id);
  if (!spec) {
    const known = NPM_MODELS.map((m) => m.id).join(", ");
    throw new HailongError("HAILONG_ERR_USAGE", `unknown convertible model "${id}" (known: ${known})`);
  }
  return spec;
}

async function packageRoot(spec: NpmModelSpec): Promise<{ root: string; version: string }> {
  const require = createRequire(import.meta.url);
  let pkgJson: string;
  try {
    pkgJson = require.resolve(`${spec.packageName}/package.json`);
  } catch (error) {
    throw new HailongError("HAILONG_ERR_MODEL", `${spec.id}: npm package ${spec.packageName} is not installed`, {
      cause: error,
    });
  }
  const { version } = JSON.parse(await readFile(pkgJson, "utf8")) as { version: string };
  return { root: path.dirname(pkgJson), version };
}

/** Reads a spec's model.json and its weight shards from the installed npm package. */
export async function readNpmModelSource(spec: NpmModelSpec): Promise<NpmModelSource> {
  const { root, version } = await packageRoot(spec);
  const jsonPath = path.join(root, spec.modelJson);
  const json: unknown = JSON.parse(await readFile(jsonPath, "utf8"));
  const modelJson =
    spec.architecture === "face-api-expression"
      ? buildFaceApiExpressionGraph(WeightsManifestSchema.parse(json))
      : TfjsGraphModelJsonSchema.parse(json);
  const shardPaths = modelJson.weightsManifest.flatMap((g) => g.paths).map((p) => path.join(path.dirname(jsonPath), p));
  const shards: Uint8Array[] = await Promise.all(shardPaths.map((p) => readFile(p)));
  if (spec.architecture === "face-api-expression") shards.push(faceApiExtraWeightBytes());
  return { packageRef: `${spec.packageName}@${version}`, modelJson, weightData: new Uint8Array(Buffer.concat(shards)) };
}

/** Pure: the ONNX bytes and the manifest describing them. */
export function convertNpmModel(
  spec: NpmModelSpec,
  source: NpmModelSource,
): { onnx: Uint8Array; manifest: ModelManifest } {
  const tag = converterBuildTag(spec);
  const model = buildOnnxModel({
    modelJson: source.modelJson,
    weightData: source.weightData,
    outputs: spec.outputs,
    graphName: spec.id,
    docString: `${spec.id} converted from ${source.packageRef} ${spec.modelJson} (${tag})`,
    metadata: { source: `${source.packageRef}/${spec.modelJson}`, converter: tag },
  });
  const onnx = encodeOnnxModel(model);
  const input = model.inputs[0];
  if (!input) throw new HailongError("HAILONG_ERR_MODEL", `${spec.id}: converted graph has no input`);
  const manifest = ModelManifestSchema.parse({
    id: spec.id,
    kind: spec.kind,
    file: `${spec.id}.onnx`,
    bytes: onnx.byteLength,
    sha256: sha256Hex(onnx),
    source: { kind: "npm", package: source.packageRef, note: `${spec.note} (${tag})` },
    licence: spec.licence,
    input: { name: input.name, shape: input.shape, layout: "NCHW", ...spec.input },
    outputs: spec.outputs.map((o) => o.onnx),
    ...(spec.labels ? { labels: spec.labels } : {}),
    ...(spec.outputActivation ? { outputActivation: spec.outputActivation } : {}),
  });
  return { onnx, manifest };
}

/** True when dir holds a manifest for this spec/package/converter and an ONNX file matching its sha256. */
async function isFresh(spec: NpmModelSpec, packageRef: string, dir: string): Promise<boolean> {
  const text = await readIfExists(path.join(dir, `${spec.id}.manifest.json`));
  if (!text) return false;
  const parsed = ModelManifestSchema.safeParse(JSON.parse(text.toString("utf8")));
  if (!parsed.success) return false;
  const m = parsed.data;
  if (m.source.package !== packageRef || !isCurrentConversion(m, spec)) return false;
  const onnx = await readIfExists(path.join(dir, m.file));
  return onnx !== undefined && sha256Hex(onnx) === m.sha256;
}

export interface EnsuredModel {
  manifestPath: string;
  manifest: ModelManifest;
  converted: boolean;
}

export async function ensureConvertedModelDetailed(id: string, dir: string): Promise<EnsuredModel> {
  const spec = requireSpec(id);
  const manifestPath = path.join(dir, `${id}.manifest.json`);
  const { version } = await packageRoot(spec);
  if (await isFresh(spec, `${spec.packageName}@${version}`, dir)) {
    const manifest = ModelManifestSchema.parse(JSON.parse(await readFile(manifestPath, "utf8")));
    return { manifestPath, manifest, converted: false };
  }
  const { onnx, manifest } = convertNpmModel(spec, await readNpmModelSource(spec));
  await mkdir(dir, { recursive: true });
  // ONNX first: whoever sees the new manifest also sees the file it describes.
  await writeAtomically(path.join(dir, manifest.file), onnx);
  await writeAtomically(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifestPath, manifest, converted: true };
}

/** Converts `id` into dir (default models/generated) unless an up-to-date copy is there; returns the manifest path. */
export async function ensureConvertedModel(id: string, dir = generatedDir(defaultModelsDir())): Promise<string> {
  return (await ensureConvertedModelDetailed(id, dir)).manifestPath;
}
